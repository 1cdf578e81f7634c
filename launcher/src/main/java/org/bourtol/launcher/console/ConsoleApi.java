package org.bourtol.launcher.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.topic.Json;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiException;
import org.bourtol.platform.http.Role;

/**
 * The console's read APIs (viewer): {@code GET /api/v1/me} (name, role, time zone of the console),
 * {@code GET /api/v1/alerts/{id}/timeline} (lifecycle events, deliveries with their latest status and
 * acknowledgement requests, oldest first — an officer's resolve is the RESOLVED event with its note and
 * {@code "resolution"} (who, why, when), not an acknowledgement; an SMS acknowledgement the notifier did not verify is
 * {@code "verified": false} and stops nothing; pseudonyms — the sender of an acknowledgement, the
 * note of an {@code UNVERIFIED_ACK} — only for officers) and {@code GET /api/v1/stations/{id}/readings[?days=1..90]} (a
 * station's gauge readings of the last days, 7 by default, oldest first; see {@link GaugeHistory}; header
 * {@code X-Bourtol-Sources}: {@code influx,kafka} or {@code kafka}). Phone numbers never appear: deliveries carry the masked number only.
 */
final class ConsoleApi {

    private final ConsoleData data;
    private final GaugeHistory gauges;
    private final ZoneId timezone;

    ConsoleApi(ConsoleData data, GaugeHistory gauges, ZoneId timezone) {
        this.data = data;
        this.gauges = gauges;
        this.timezone = timezone;
    }

    void mount(Router router, ApiAuth auth) {
        router.get("/api/v1/me").handler(auth.require(Role.VIEWER)).handler(this::me);
        router.get("/api/v1/alerts/:id/timeline").handler(auth.require(Role.VIEWER)).handler(this::timeline);
        router.get("/api/v1/stations/:id/readings").handler(auth.require(Role.VIEWER)).handler(this::readings);
    }

    private void me(RoutingContext ctx) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", String.valueOf((Object) ctx.get(ApiAuth.ACTOR)));
        n.put("role", ((Role) ctx.get(ApiAuth.ROLE)).name().toLowerCase(java.util.Locale.ROOT));
        n.put("timezone", timezone.getId());
        json(ctx, 200, n);
    }

    private void timeline(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        List<AlertEvent> events = ConsoleData.copy(data.events.get(id));
        if (events.isEmpty()) {
            throw ApiException.notFound("alert " + id);
        }
        String code = events.get(events.size() - 1).alert().code();
        boolean officer = ((Role) ctx.get(ApiAuth.ROLE)).includes(Role.OFFICER);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode ev = out.putArray("events");
        events.stream().sorted(Comparator.comparing(AlertEvent::at)).forEach(e -> ev.addObject()
                .put("type", e.type().name()).put("at", e.at().toString()).put("seq", e.seq())
                .put("level", e.alert().level()).put("severity", e.alert().severity().name())
                .put("state", e.alert().state() == null ? null : e.alert().state().wire())
                .put("note", e.type() == AlertEventType.UNVERIFIED_ACK && !officer ? null : e.note()));
        ArrayNode dl = out.putArray("deliveries");
        data.deliveriesByAlert.getOrDefault(id, Set.of()).stream()
                .map(d -> data.deliveries.get(d).orElse(null)).filter(d -> d != null)
                .sorted(Comparator.comparing(Delivery::at)).forEach(d -> dl.addObject()
                        .put("deliveryId", d.deliveryId()).put("step", d.step()).put("recipientId", d.recipientId())
                        .put("channel", d.channel()).put("status", d.status().name()).put("to", d.to())
                        .put("attempt", d.attempt()).put("segments", d.segments()).put("errorCode", d.errorCode())
                        .put("errorMessage", d.errorMessage()).put("at", d.at().toString()));
        ArrayNode ak = out.putArray("acks");
        java.util.Map<String, AckRequest> byId = new java.util.LinkedHashMap<>();
        java.util.stream.Stream.concat(ConsoleData.copy(data.acks.get(id)).stream(),
                ConsoleData.copy(data.acks.get("code:" + code)).stream())
                .filter(a -> !a.resolves())
                .sorted(Comparator.comparing(AckRequest::at))
                .forEach(a -> byId.merge(a.id(), a, (x, y) -> x.stopsTheAlert() ? x : y));
        ConsoleData.copy(data.acks.get(id)).stream().filter(AckRequest::resolves).max(Comparator.comparing(AckRequest::at))
                .ifPresent(r -> out.putObject("resolution").put("by", r.by()).put("reason", r.reason()).put("at", r.at().toString()));
        byId.values().forEach(a -> ak.addObject().put("by", officer ? a.by() : null).put("source", a.source().name())
                .put("verified", a.stopsTheAlert()).put("at", a.at().toString()));
        json(ctx, 200, out);
    }

    private void readings(RoutingContext ctx) {
        Duration window;
        try {
            window = GaugeHistory.window(ctx.queryParams().get("days"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("readings refused", List.of(e.getMessage()));
        }
        String station = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> gauges.readings(station, window, Instant.now()), false)
                .onSuccess(r -> {
                    ArrayNode out = Json.MAPPER.createArrayNode();
                    r.points().forEach(p -> out.addObject().put("at", p.at().toString()).put("cm", p.cm()));
                    ctx.response().putHeader("X-Bourtol-Sources", String.join(",", r.sources()));
                    json(ctx, 200, out);
                })
                .onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, Object value) {
        try {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
