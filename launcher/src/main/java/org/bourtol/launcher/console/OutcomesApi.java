package org.bourtol.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.outcome.Violence;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiException;
import org.bourtol.platform.http.Role;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;

/**
 * What was done about an alert and what came of it. {@code POST /api/v1/alerts/{id}/responses} (officer)
 * with {@code {"action": "mediation held", "outcome": "confirmed", "violence": "injuries", "comment": "…"}}
 * or {@code {"outcome": "false-alarm", "peopleMoved": false}}: {@code action} (1–500 characters) records an
 * action, {@code outcome} ({@code confirmed}, {@code false-alarm}, {@code unknown}) a verdict, with
 * {@code violence} ({@code none}, {@code injuries}, {@code deaths}) for conflict alerts only and
 * {@code peopleMoved} for floods only; at least one of action and outcome. Each becomes an
 * {@link AlertResponse} on {@code bourtol.outcomes.v1} by the token's name, and an {@link AuditEntry};
 * free text has phone-like numbers masked. {@code GET …/responses} (viewer) lists them, oldest first
 * (who, for officers only, as with reporters); empty for an alert not known here.
 */
final class OutcomesApi implements AutoCloseable {

    private final ConsoleData data;
    private final Publisher publisher;
    private final Map<String, Map<String, AlertResponse>> byAlert = new ConcurrentHashMap<>();
    private final TopicTable<AlertResponse> reader;

    OutcomesApi(KafkaClients kafka, ConsoleData data, Publisher publisher) {
        this.data = data;
        this.publisher = publisher;
        this.reader = new TopicTable<>(kafka, Topics.OUTCOMES).onChange((key, r) -> {
            if (r != null) {
                remember(r);
            }
        });
    }

    OutcomesApi start() {
        reader.start();
        return this;
    }

    void mount(Router router, ApiAuth auth) {
        router.post("/api/v1/alerts/:id/responses").handler(auth.require(Role.OFFICER)); // who is calling, before the body is read
        router.post("/api/v1/alerts/:id/responses").handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(this::record);
        router.get("/api/v1/alerts/:id/responses").handler(auth.require(Role.VIEWER)).handler(this::list);
    }

    private void remember(AlertResponse r) {
        byAlert.computeIfAbsent(r.alertId(), k -> new ConcurrentHashMap<>()).put(r.id(), r);
    }

    private Alert alert(String id) {
        AlertEvent state = null;
        for (AlertEvent e : ConsoleData.copy(data.events.get(id))) {
            state = AlertStates.fold(state, e);
        }
        if (state == null) {
            throw ApiException.notFound("alert " + id);
        }
        return state.alert();
    }

    /** An alert this reader has not seen yet (or never) has no responses: an empty list, not 404 (the page asks early). */
    private void list(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        boolean officer = ApiAuth.has(ctx, Role.OFFICER);
        ArrayNode out = Json.MAPPER.createArrayNode();
        byAlert.getOrDefault(id, Map.of()).values().stream().filter(AlertResponse::counts).sorted(Comparator.comparing(AlertResponse::at)).forEach(r -> {
            ObjectNode n = Json.MAPPER.valueToTree(r);
            if (!officer) {
                n.remove("by");
            }
            out.add(n);
        });
        ConsoleApi.json(ctx, 200, out);
    }

    private void record(RoutingContext ctx) {
        Alert a = alert(ctx.pathParam("id"));
        JsonNode body = TriageApi.body(ctx);
        List<String> problems = new ArrayList<>();
        String action = text(body, "action", problems);
        String comment = text(body, "comment", problems);
        Verdict verdict = given(body, "outcome", a, null, problems) ? wire(body, "outcome", Verdict::fromWire, problems) : null;
        Violence violence = given(body, "violence", a, Hazard.CONFLICT, problems) ? wire(body, "violence", Violence::fromWire, problems) : null;
        Boolean moved = null;
        if (given(body, "peopleMoved", a, Hazard.FLOOD, problems)) {
            if (body.get("peopleMoved").isBoolean()) {
                moved = body.get("peopleMoved").asBoolean();
            } else {
                problems.add("'peopleMoved' must be true or false");
            }
        }
        if (verdict == null && (violence != null || moved != null || comment != null) && problems.isEmpty()) {
            problems.add("'violence', 'peopleMoved' and 'comment' go with an 'outcome'");
        }
        if (action == null && verdict == null && problems.isEmpty()) {
            problems.add("give an 'action' (what was done) or an 'outcome' (confirmed, false-alarm, unknown), or both");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("response refused", problems);
        }
        String actor = String.valueOf((Object) ctx.get(ApiAuth.ACTOR));
        Instant now = Instant.now();
        List<AlertResponse> responses = new ArrayList<>();
        if (action != null) {
            responses.add(new AlertResponse("api-" + UUID.randomUUID(), a.id(), a.code(), AlertResponse.Kind.ACTION, action, null, null,
                    null, actor, Source.HTTP, true, now));
        }
        if (verdict != null) {
            responses.add(new AlertResponse("api-" + UUID.randomUUID(), a.id(), a.code(), AlertResponse.Kind.OUTCOME, comment, verdict,
                    violence, moved, actor, Source.HTTP, true, now));
        }
        Future<?> done = Future.succeededFuture();
        for (AlertResponse r : responses) {
            AuditEntry audit = new AuditEntry("outcome", r.id(), r.kind().wire(), actor, now, 1, null, Json.MAPPER.valueToTree(r),
                    r.kind().wire() + " on " + a.code() + " by API");
            done = done.compose(x -> publisher.publish(Topics.OUTCOMES, a.id(), r))
                    .compose(x -> publisher.publish(Topics.AUDIT, "outcome/" + r.id(), audit));
        }
        TriageApi.back(ctx, done).onSuccess(x -> {
            responses.forEach(this::remember);
            ConsoleApi.json(ctx, 201, Json.MAPPER.valueToTree(responses));
        }).onFailure(e -> ctx.fail(new ApiException(503, "response not recorded: Kafka is unavailable")));
    }

    /**
     * Whether {@code field} is given and may be on this alert: a field for {@code only} alerts (null: any) given on an
     * alert of another hazard is a problem.
     */
    private static boolean given(JsonNode body, String field, Alert a, Hazard only, List<String> problems) {
        if (!body.hasNonNull(field)) {
            return false;
        }
        if (only != null && a.hazard() != only) {
            problems.add("'" + field + "' is for " + only.wire() + " alerts; this alert is a " + a.hazard().wire() + " alert");
            return false;
        }
        return true;
    }

    /** The value of {@code field} as {@code fromWire} reads its wire form; a value it refuses is a problem (and null). */
    private static <T> T wire(JsonNode body, String field, Function<String, T> fromWire, List<String> problems) {
        try {
            return fromWire.apply(body.get(field).asText());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** A free text field: absent or blank is null; longer than 500 characters is a problem; phone numbers masked. */
    private static String text(JsonNode body, String field, List<String> problems) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        if (!body.get(field).isTextual()) {
            problems.add("'" + field + "' must be a text");
            return null;
        }
        String t = body.get(field).asText().trim();
        if (t.length() > AlertResponse.TEXT_MAX) {
            problems.add("'" + field + "' is longer than " + AlertResponse.TEXT_MAX + " characters");
            return null;
        }
        return AlertResponse.clean(t);
    }

    @Override
    public void close() {
        reader.close();
    }
}
