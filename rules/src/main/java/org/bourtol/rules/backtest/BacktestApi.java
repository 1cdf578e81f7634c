package org.bourtol.rules.backtest;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.platform.http.ApiException;
import org.bourtol.rules.api.Http;
import org.bourtol.rules.engine.RuleValidator;

/**
 * {@code POST /api/v1/backtests} (officer; also {@code POST /api/v1/rules/backtest}) queues a backtest and
 * answers 202 with its id, 400 naming every invalid field (a rule with the same messages as a save), 429
 * when the queue is full; {@code GET /api/v1/backtests/{id}} shows progress and, once done, the result;
 * {@code DELETE /api/v1/backtests/{id}} or {@code POST /api/v1/backtests/{id}/cancel} cancels it.
 */
public final class BacktestApi {

    private final BacktestJobs jobs;
    private final RuleValidator validator;
    private final Supplier<Map<String, Zone>> zones;

    public BacktestApi(BacktestJobs jobs, RuleValidator validator, Supplier<Map<String, Zone>> zones) {
        this.jobs = jobs;
        this.validator = validator;
        this.zones = zones;
    }

    public void submit(RoutingContext ctx) {
        BacktestRequest request;
        try {
            request = BacktestRequest.parse(Http.body(ctx), validator, zones.get());
        } catch (BacktestRequest.Invalid e) {
            throw ApiException.badRequest("backtest refused", e.problems());
        }
        BacktestJobs.View view;
        try {
            view = jobs.submit(request, Http.actor(ctx));
        } catch (BacktestJobs.Full e) {
            throw new ApiException(429, e.getMessage());
        }
        ctx.response().putHeader("location", "/api/v1/backtests/" + view.id());
        Http.json(ctx, 202, view);
    }

    public void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Http.json(ctx, 200, jobs.get(id).orElseThrow(() -> ApiException.notFound("backtest " + id)));
    }

    public void cancel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Http.json(ctx, 200, jobs.cancel(id).orElseThrow(() -> ApiException.notFound("backtest " + id)));
    }
}
