package org.bourtol.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiException;
import org.bourtol.platform.http.Role;
import org.bourtol.platform.kafka.Publisher;

/**
 * {@code /api/v1/alerts}: the current alerts ({@code ?state=active|resolved&hazard=&zone=}), one alert,
 * {@code POST /{id}/ack} (an {@link AckRequest} on the acks topic, which the lifecycle turns into
 * ACKNOWLEDGED) and {@code POST /{id}/outcome} ({"outcome": "what was done"}, an OUTCOME event).
 */
public final class AlertsApi {

    private final AlertsView view;
    private final Publisher publisher;

    public AlertsApi(AlertsView view, Publisher publisher) {
        this.view = view;
        this.publisher = publisher;
    }

    public void mount(Router router, ApiAuth auth) {
        router.get("/api/v1/alerts").handler(auth.require(Role.VIEWER)).handler(this::list);
        router.get("/api/v1/alerts/:id").handler(auth.require(Role.VIEWER)).handler(this::get);
        router.post("/api/v1/alerts/:id/ack").handler(auth.require(Role.OFFICER)).handler(this::ack);
        router.post("/api/v1/alerts/:id/outcome").handler(auth.require(Role.OFFICER)).handler(this::outcome);
    }

    private void list(RoutingContext ctx) {
        String state = ctx.queryParams().get("state");
        if (state != null && !state.equals(Alert.ACTIVE) && !state.equals(Alert.RESOLVED)) {
            throw ApiException.badRequest("state must be 'active' or 'resolved'", List.of());
        }
        String hazard = ctx.queryParams().get("hazard");
        if (hazard != null && java.util.Arrays.stream(org.bourtol.contracts.observation.Hazard.values()).noneMatch(h -> h.wire().equals(hazard))) {
            throw ApiException.badRequest("hazard must be 'flood' or 'conflict', got '" + hazard + "'", List.of());
        }
        Http.json(ctx, 200, view.query(state, hazard, ctx.queryParams().get("zone")));
    }

    private Alert find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        return view.get(id).orElseThrow(() -> ApiException.notFound("alert " + id));
    }

    private void get(RoutingContext ctx) {
        Http.json(ctx, 200, find(ctx));
    }

    private void ack(RoutingContext ctx) {
        Alert a = find(ctx);
        if (!a.active()) {
            throw new ApiException(409, "alert " + a.id() + " is resolved", List.of());
        }
        AckRequest req = new AckRequest(UUID.randomUUID().toString(), null, a.id(), Http.actor(ctx), Source.HTTP, Instant.now());
        Http.back(ctx, publisher.publish(Topics.ACKS, a.id(), req))
                .onSuccess(m -> Http.json(ctx, 202, Map.of("status", "accepted", "request", req.id())))
                .onFailure(e -> ctx.fail(new ApiException(503, "acknowledgement not recorded: Kafka is unavailable")));
    }

    private void outcome(RoutingContext ctx) {
        Alert a = find(ctx);
        JsonNode body = Http.body(ctx);
        String text = body.path("outcome").asText("").trim();
        if (text.isEmpty() || text.length() > 2000) {
            throw ApiException.badRequest("outcome refused", List.of("'outcome' must be a text of 1 to 2000 characters"));
        }
        Alert updated = AlertsView.withOutcome(a, text);
        AlertEvent e = new AlertEvent(a.id() + "/OUTCOME/" + UUID.randomUUID(), a.id(), AlertEventType.OUTCOME, -1,
                Instant.now(), updated, Http.actor(ctx) + ": " + text);
        Http.back(ctx, publisher.publish(Topics.ALERTS, a.id(), e))
                .onSuccess(m -> Http.json(ctx, 202, updated))
                .onFailure(x -> ctx.fail(new ApiException(503, "outcome not recorded: Kafka is unavailable")));
    }
}
