package org.bourtol.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import io.vertx.core.Future;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.topic.Json;
import org.bourtol.rules.reports.ReportWindowRule;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiException;
import org.bourtol.platform.http.Role;
import org.bourtol.platform.kafka.Publisher;

/**
 * {@code /api/v1/alerts}: the current alerts ({@code ?state=active|resolved&hazard=&zone=}), one alert,
 * {@code POST /{id}/ack} (an {@link AckRequest} on the acks topic, which the lifecycle turns into
 * ACKNOWLEDGED), {@code POST /{id}/resolve} ({"reason": "why"}: a resolve request on the same topic, which
 * the lifecycle turns into RESOLVED, audited), {@code POST /{id}/outcome} ({"outcome": "what was done"}, an OUTCOME event) and
 * {@code POST /{id}/confirm} (officer: confirms a report to confirm, see {@link #confirm}). Viewers get
 * the evidence without reporter pseudonyms; officers see them.
 */
public final class AlertsApi {

    private final AlertsView view;
    private final Publisher publisher;

    public AlertsApi(AlertsView view, Publisher publisher) {
        this.view = view;
        this.publisher = publisher;
    }

    /** The alert as the caller may see it: without reporter pseudonyms in the evidence below the officer role. */
    static Alert forCaller(RoutingContext ctx, Alert a) {
        if (ApiAuth.has(ctx, Role.OFFICER) || a.evidence().stream().allMatch(e -> e.reporterId() == null)) {
            return a;
        }
        List<Evidence> evidence = a.evidence().stream()
                .map(e -> new Evidence(e.observationId(), e.kind(), e.observedAt(), e.value(), null)).toList();
        return a.toBuilder().evidence(evidence).build();
    }

    void list(RoutingContext ctx) {
        String stateParam = ctx.queryParams().get("state");
        AlertState state = null;
        if (stateParam != null) {
            state = Arrays.stream(AlertState.values()).filter(s -> s.wire().equals(stateParam)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("state must be 'active' or 'resolved'", List.of()));
        }
        String hazard = ctx.queryParams().get("hazard");
        if (hazard != null && java.util.Arrays.stream(org.bourtol.contracts.observation.Hazard.values()).noneMatch(h -> h.wire().equals(hazard))) {
            throw ApiException.badRequest("hazard must be 'flood' or 'conflict', got '" + hazard + "'", List.of());
        }
        Http.json(ctx, 200, view.query(state, hazard, ctx.queryParams().get("zone")).stream().map(a -> forCaller(ctx, a)).toList());
    }

    private Alert find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        return view.get(id).orElseThrow(() -> ApiException.notFound("alert " + id));
    }

    void get(RoutingContext ctx) {
        Http.json(ctx, 200, forCaller(ctx, find(ctx)));
    }

    void ack(RoutingContext ctx) {
        Alert a = find(ctx);
        if (!a.active()) {
            throw new ApiException(409, "alert " + a.id() + " is resolved", List.of());
        }
        AckRequest req = new AckRequest(UUID.randomUUID().toString(), null, a.id(), Http.actor(ctx), Source.HTTP, Instant.now());
        Http.back(ctx, publisher.publish(Topics.ACKS, a.id(), req))
                .onSuccess(m -> Http.json(ctx, 202, Map.of("status", "accepted", "request", req.id())))
                .onFailure(e -> ctx.fail(new ApiException(503, "acknowledgement not recorded: Kafka is unavailable")));
    }

    /**
     * An officer resolves an alert by hand, for a reason: a resolve request on the acks topic (the
     * lifecycle emits RESOLVED with "resolved by who: reason", and the notifier sends its all-clear) and
     * an audit entry. Officer-issued warnings are cancelled through the warnings API instead.
     */
    void resolve(RoutingContext ctx) {
        Alert a = find(ctx);
        String reason = Http.body(ctx).path("reason").asText("").trim();
        if (reason.isEmpty() || reason.length() > AckRequest.MAX_REASON) {
            throw ApiException.badRequest("resolve refused",
                    List.of("'reason' must be a text of 1 to " + AckRequest.MAX_REASON + " characters"));
        }
        if (!a.active()) {
            throw new ApiException(409, "alert " + a.id() + " is already resolved", List.of());
        }
        if (a.issued() != null) {
            throw new ApiException(409, "alert " + a.id() + " is an officer-issued warning: cancel it through /api/v1/warnings",
                    List.of());
        }
        String actor = Http.actor(ctx);
        Instant now = Instant.now();
        AckRequest req = AckRequest.resolve(UUID.randomUUID().toString(), a.id(), actor, now, reason);
        AuditEntry audit = new AuditEntry("alert", a.id(), "resolve", actor, now, 1, null,
                Json.MAPPER.valueToTree(Map.of("request", req.id(), "reason", reason)), "resolved alert " + a.code() + ": " + reason);
        Http.back(ctx, Future.all(publisher.publish(Topics.ACKS, a.id(), req), publisher.publish(Topics.AUDIT, "alert/" + a.id(), audit)))
                .onSuccess(m -> Http.json(ctx, 202, Map.of("status", "accepted", "request", req.id())))
                .onFailure(e -> ctx.fail(new ApiException(503, "resolve not recorded: Kafka is unavailable")));
    }

    void outcome(RoutingContext ctx) {
        Alert a = find(ctx);
        JsonNode body = Http.body(ctx);
        String text = body.path("outcome").asText("").trim();
        if (text.isEmpty() || text.length() > 2000) {
            throw ApiException.badRequest("outcome refused", List.of("'outcome' must be a text of 1 to 2000 characters"));
        }
        Alert updated = AlertStates.withOutcome(a, text);
        AlertEvent e = new AlertEvent(a.id() + "/OUTCOME/" + UUID.randomUUID(), a.id(), AlertEventType.OUTCOME, -1,
                Instant.now(), updated, Http.actor(ctx) + ": " + text);
        Http.back(ctx, publisher.publish(Topics.ALERTS, a.id(), e))
                .onSuccess(m -> Http.json(ctx, 202, updated))
                .onFailure(x -> ctx.fail(new ApiException(503, "outcome not recorded: Kafka is unavailable")));
    }

    /**
     * An officer confirms a report to confirm ({@code unconfirmed} level): a verified report of the
     * alert's latest report type in its zone, by the officer, goes on the observations topic, so the
     * rule itself upgrades the alert to its confirmed level and severity (and the confirmation counts
     * like any verified report until it leaves the window). Audited.
     */
    void confirm(RoutingContext ctx) {
        Alert a = find(ctx);
        if (!a.active() || !ReportWindowRule.UNCONFIRMED.equals(a.level())) {
            throw new ApiException(409, "alert " + a.id() + " is not an active report to confirm", List.of("level: " + a.level()));
        }
        ReportType type = a.evidence().stream().filter(e -> "report".equals(e.kind()) && e.value() != null)
                .reduce((x, y) -> y).map(e -> ReportType.fromWire(e.value()))
                .orElseThrow(() -> new ApiException(409, "alert " + a.id() + " has no report to confirm", List.of()));
        String actor = Http.actor(ctx);
        Instant now = Instant.now();
        CommunityReport report = new CommunityReport("confirm-" + a.id() + "-" + UUID.randomUUID(), Source.HTTP, now, now,
                null, true, type, a.zone(), null, null, "confirmed by officer " + actor);
        AuditEntry audit = new AuditEntry("alert", a.id(), "confirm", actor, now, 1, null,
                Json.MAPPER.valueToTree(Map.of("observation", report.id(), "type", type.wire(), "zone", a.zone())),
                "confirmed the report to confirm " + a.id());
        Http.back(ctx, Future.all(publisher.publish(Topics.OBSERVATIONS, report.subject(), report),
                publisher.publish(Topics.AUDIT, "alert/" + a.id(), audit)))
                .onSuccess(m -> Http.json(ctx, 202, Map.of("status", "accepted", "observation", report.id())))
                .onFailure(x -> ctx.fail(new ApiException(503, "confirmation not recorded: Kafka is unavailable")));
    }
}
