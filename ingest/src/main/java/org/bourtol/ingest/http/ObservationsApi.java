package org.bourtol.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.kafka.Outgoing;
import org.bourtol.ingest.validation.InvalidInput;
import org.bourtol.ingest.validation.ObservationReader;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.http.Role;

/**
 * {@code POST /api/v1/observations} (ingest, officer or admin token): a JSON array, or {@code {"observations": [...]}}, of
 * items in the MQTT payload shapes plus {@code kind} and the subject the MQTT topic would carry
 * ({@code herdId}/{@code deviceId}, {@code stationId}, optional {@code reporterId}). All or nothing: if
 * any item is invalid the answer is 400 with one message per bad item and nothing is published;
 * otherwise 200 with the id of each item once Kafka acknowledged them all. 413 over the body limit or
 * {@code ingest.maxBatchItems}; 503 with Retry-After when Kafka is unavailable. Ids are the item's
 * {@code id} or a hash of the item, so a retried batch produces the same records.
 */
public final class ObservationsApi {

    public static final String PATH = "/api/v1/observations";

    private final ApiAuth auth;
    private final ObservationReader reader;
    private final Publisher sink;
    private final Pseudonyms pseudonyms;
    private final int maxBodyBytes;
    private final int maxItems;
    private final Clock clock;
    private final MeterRegistry metrics;

    public ObservationsApi(ApiAuth auth, ObservationReader reader, Publisher sink, Pseudonyms pseudonyms,
                           int maxBodyBytes, int maxItems, Clock clock, MeterRegistry metrics) {
        this.auth = auth;
        this.reader = reader;
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.maxBodyBytes = maxBodyBytes;
        this.maxItems = maxItems;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void mount(Router router) {
        router.post(PATH).handler(auth.require(Role.INGEST));
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::post);
    }

    private void post(RoutingContext ctx) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            ApiErrors.send(ctx, 400, "body is not valid JSON", List.of(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return;
        }
        JsonNode items = body != null && body.isObject() ? body.get("observations") : body;
        if (items == null || !items.isArray() || items.isEmpty()) {
            ApiErrors.send(ctx, 400, "expected a non-empty JSON array of observations (or {\"observations\": [...]})", List.of());
            return;
        }
        if (items.size() > maxItems) {
            ApiErrors.send(ctx, 413, "too many observations in one batch", List.of(items.size() + " items, limit " + maxItems));
            return;
        }
        Instant now = clock.instant();
        List<Outgoing> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ObjectNode result = results.addObject().put("index", i);
            try {
                Observation o = read(item, now);
                records.add(Outgoing.of(Topics.OBSERVATIONS, o.subject(), o));
                result.put("status", "valid").put("id", o.id());
            } catch (InvalidInput e) {
                String msg = Phones.maskInText(e.getMessage());
                problems.add("item " + i + ": " + msg);
                result.put("status", "invalid").put("code", e.code()).put("error", msg);
                metrics.counter("bourtol.ingest.rejected", "reason", e.code()).increment();
            }
        }
        if (!problems.isEmpty()) {
            ObjectNode out = Json.MAPPER.createObjectNode().put("error", problems.size() + " of " + items.size()
                    + " observations are invalid; none were accepted");
            out.set("details", Json.MAPPER.valueToTree(problems));
            out.set("results", results);
            ctx.response().setStatusCode(400).putHeader("content-type", "application/json").end(out.toString());
            return;
        }
        sink.send(records).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().putHeader("Retry-After", "10");
                ApiErrors.send(ctx, 503, "kafka is unavailable, retry later", List.of());
                return;
            }
            metrics.counter("bourtol.ingest.messages", "source", "http").increment(records.size());
            results.forEach(r -> ((ObjectNode) r).put("status", "accepted"));
            ObjectNode out = Json.MAPPER.createObjectNode().put("accepted", records.size());
            out.set("results", results);
            ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(out.toString());
        });
    }

    private Observation read(JsonNode item, Instant now) {
        if (item == null || !item.isObject()) {
            throw new InvalidInput("bad-json", "item must be a JSON object");
        }
        String kind = ObservationReader.text(item, "kind");
        String subject = pseudonyms.ofId(switch (kind) {
            case "herd" -> item.hasNonNull("herdId") ? item.get("herdId").asText() : item.path("deviceId").asText(null);
            case "gauge", "rain" -> item.path("stationId").asText(null);
            default -> null;
        });
        // any phone-like reporter id (+E.164, 00…, bare digits) becomes a pseudonym before it reaches a topic
        String reporterId = pseudonyms.ofId(item.hasNonNull("reporterId") ? item.get("reporterId").asText() : null);
        String given = item.hasNonNull("id") ? item.get("id").asText() : null;
        String id = given != null && !given.equals(Phones.maskInText(given)) ? pseudonyms.keyedId("http-", bytes(given))
                : given != null ? "http-" + given : pseudonyms.keyedId("http-", canonical(item));
        return reader.read(kind, subject, item, new ObservationReader.Meta(id, Source.HTTP, now, reporterId, true));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The item's JSON with its fields in a fixed order, so the same observation sent twice gets the same id. */
    private static byte[] canonical(JsonNode item) {
        try {
            return Json.MAPPER.writeValueAsBytes(Json.MAPPER.treeToValue(item, Object.class));
        } catch (Exception e) {
            return bytes(item.toString());
        }
    }
}
