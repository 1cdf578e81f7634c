package org.bourtol.rules.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.bourtol.platform.http.Role.OFFICER;
import static org.bourtol.platform.http.Role.VIEWER;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.Role;
import org.bourtol.rules.backtest.BacktestApi;

/**
 * Every HTTP route of the rules component in one table: its method, path, the role it needs and the handler
 * ({@link ZonesApi}, {@link RulesApi}, {@link AlertsApi}, {@link BacktestApi}). Who is calling is checked
 * before a body (up to 8 MB for a zone import) is buffered.
 */
public final class RulesRoutes {

    private static final String[] GUARDED = {"/api/v1/zones*", "/api/v1/rules*", "/api/v1/alerts*", "/api/v1/backtests*"};

    private final Router router;
    private final ApiAuth auth;

    private RulesRoutes(Router router, ApiAuth auth) {
        this.router = router;
        this.auth = auth;
    }

    /** Mounts the table on {@code router}; {@code body} buffers request bodies once the caller is known. */
    public static void mount(Router router, ApiAuth auth, Handler<RoutingContext> body, ZonesApi zones, RulesApi rules,
                             AlertsApi alerts, BacktestApi backtests) {
        for (String path : GUARDED) {
            router.route(path).handler(auth.require(VIEWER));
            router.route(path).handler(body);
        }
        RulesRoutes r = new RulesRoutes(router, auth);
        r.add(GET, "/api/v1/zones", VIEWER, zones::list);
        r.add(POST, "/api/v1/zones", OFFICER, zones::importAll);
        r.add(GET, "/api/v1/zones/:id", VIEWER, zones::get);
        r.add(PUT, "/api/v1/zones/:id", OFFICER, zones::put);
        r.add(DELETE, "/api/v1/zones/:id", OFFICER, zones::delete);

        r.add(GET, "/api/v1/rules", VIEWER, rules::list);
        r.add(GET, "/api/v1/rules/:id", VIEWER, rules::get);
        r.add(GET, "/api/v1/rules/:id/history", VIEWER, rules::history);
        r.add(PUT, "/api/v1/rules/:id", OFFICER, rules::put);
        r.add(POST, "/api/v1/rules/:id/validate", VIEWER, rules::validate);
        r.add(GET, "/api/v1/rule-types", VIEWER, rules::types);
        r.add(DELETE, "/api/v1/rules/:id", OFFICER, rules::delete);

        r.add(GET, "/api/v1/alerts", VIEWER, alerts::list);
        r.add(GET, "/api/v1/alerts/:id", VIEWER, alerts::get);
        r.add(POST, "/api/v1/alerts/:id/ack", OFFICER, alerts::ack);
        r.add(POST, "/api/v1/alerts/:id/resolve", OFFICER, alerts::resolve);
        r.add(POST, "/api/v1/alerts/:id/outcome", OFFICER, alerts::outcome);
        r.add(POST, "/api/v1/alerts/:id/confirm", OFFICER, alerts::confirm);

        r.add(POST, "/api/v1/backtests", OFFICER, backtests::submit);
        r.add(POST, "/api/v1/rules/backtest", OFFICER, backtests::submit);
        r.add(GET, "/api/v1/backtests/:id", OFFICER, backtests::get);
        r.add(DELETE, "/api/v1/backtests/:id", OFFICER, backtests::cancel);
        r.add(POST, "/api/v1/backtests/:id/cancel", OFFICER, backtests::cancel);
    }

    private void add(HttpMethod method, String path, Role role, Handler<RoutingContext> handler) {
        router.route(method, path).handler(auth.require(role)).handler(handler);
    }
}
