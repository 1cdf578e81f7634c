package org.bourtol.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Json;
import org.bourtol.platform.http.ApiException;
import org.bourtol.rules.engine.RuleValidator;
import org.bourtol.rules.zones.ZoneFeatures;
import org.bourtol.rules.zones.ZoneLimits;
import org.bourtol.rules.zones.ZoneValidator;

/**
 * {@code /api/v1/zones}: GET (FeatureCollection), {@code GET|PUT|DELETE /{id}} (GeoJSON Feature) and
 * {@code POST} (FeatureCollection import). Viewers read; officers write. Every zone is validated
 * (geometry, kind, typed properties, parent); a zone still used as a parent or by a rule is not deleted,
 * and a change that would make a rule using the zone invalid (e.g. a pasture of a
 * {@code herd-in-protected-zone} rule losing its {@code fieldRelease}) is refused with the rule's reasons.
 * Uploads are bounded ({@link ZoneLimits}: 400 naming the limit; bodies over the HTTP limit get 413)
 * and parsed and validated on a worker thread, never on the event loop.
 */
public final class ZonesApi {

    private final Directories dirs;
    private final RuleValidator validator;

    /** {@code validator}: checks the rules a zone change affects, and names every zone a rule refers to. */
    public ZonesApi(Directories dirs, RuleValidator validator) {
        this.dirs = dirs;
        this.validator = validator;
    }

    void list(RoutingContext ctx) {
        ObjectNode fc = Json.MAPPER.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        String kind = ctx.queryParams().get("kind");
        dirs.zones().values().stream()
                .filter(z -> kind == null || z.kind().wire().equals(kind))
                .sorted(java.util.Comparator.comparing(Zone::id))
                .forEach(z -> features.add(ZoneFeatures.toFeature(z)));
        Http.json(ctx, 200, fc);
    }

    void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Zone z = dirs.zone(id).orElseThrow(() -> ApiException.notFound("zone " + id));
        Http.json(ctx, 200, ZoneFeatures.toFeature(z));
    }

    void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        checked(ctx, () -> {
            JsonNode body = Http.body(ctx);
            ZoneLimits.check(List.of(body));
            Zone z = read(body, id);
            List<String> problems = ZoneValidator.validate(z, dirs::zone);
            if (!problems.isEmpty()) {
                throw ApiException.badRequest("zone " + id + " refused", problems);
            }
            List<String> broken = brokenRules(Map.of(id, z));
            if (!broken.isEmpty()) {
                throw new ApiException(409, "zone " + id + " refused: rules using it would no longer be valid", broken);
            }
            return z;
        }, z -> {
            boolean created = dirs.zone(id).isEmpty();
            Http.back(ctx, dirs.putZone(z, Http.actor(ctx)))
                    .onSuccess(v -> Http.json(ctx, created ? 201 : 200, ZoneFeatures.toFeature(z)))
                    .onFailure(e -> ctx.fail(new ApiException(503, "zone not stored: Kafka is unavailable")));
        });
    }

    void importAll(RoutingContext ctx) {
        checked(ctx, () -> validImport(Http.body(ctx)), zones -> {
            // parents first, so a reader never sees a child before its parent
            Map<String, Zone> batch = new HashMap<>();
            zones.forEach(z -> batch.put(z.id(), z));
            List<Zone> ordered = new ArrayList<>(zones);
            ordered.sort(java.util.Comparator.comparingInt(z -> depth(z, batch)));
            String actor = Http.actor(ctx);
            List<Future<Void>> sent = new ArrayList<>();
            for (Zone z : ordered) {
                sent.add(dirs.putZone(z, actor));
            }
            Http.back(ctx, Future.all(sent)).onSuccess(v -> Http.json(ctx, 200, Map.of("imported", zones.size())))
                    .onFailure(e -> ctx.fail(new ApiException(503, "import interrupted: Kafka is unavailable")));
        });
    }

    /** The zones of an import, checked (bounds, geometry, parents, the rules using them); throws ApiException. */
    private List<Zone> validImport(JsonNode body) {
        if (!body.path("features").isArray()) {
            throw ApiException.badRequest("expected a GeoJSON FeatureCollection with a 'features' list", List.of());
        }
        List<JsonNode> features = new ArrayList<>();
        body.get("features").forEach(features::add);
        ZoneLimits.check(features);
        List<Zone> zones = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (JsonNode f : features) {
            try {
                zones.add(read(f, null));
            } catch (ApiException e) {
                problems.add("feature " + i + ": " + String.join("; ", e.details().isEmpty() ? List.of(e.getMessage()) : e.details()));
            }
            i++;
        }
        Map<String, Zone> batch = new HashMap<>();
        zones.forEach(z -> batch.put(z.id(), z));
        for (Zone z : zones) {
            problems.addAll(ZoneValidator.validate(z, id -> Optional.ofNullable(batch.get(id)).or(() -> dirs.zone(id))));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("import refused: " + problems.size() + " problem(s); nothing was stored", problems);
        }
        List<String> broken = brokenRules(batch);
        if (!broken.isEmpty()) {
            throw new ApiException(409, "import refused: rules using these zones would no longer be valid; nothing was stored", broken);
        }
        return zones;
    }

    /**
     * Runs {@code check} (geometry validation can take long for big polygons) on a worker thread, never
     * on the event loop, then {@code then} on the event loop with its result; a failure goes to the
     * error handler (ApiException: its status).
     */
    private static <T> void checked(RoutingContext ctx, java.util.concurrent.Callable<T> check, java.util.function.Consumer<T> then) {
        ctx.vertx().executeBlocking(check, false).onComplete(ar -> {
            if (ar.succeeded()) {
                then.accept(ar.result());
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    /**
     * What the rules using the {@code changed} zones would be refused for after the change, and were not
     * before it (a rule's older problems are not this change's doing), as "rule id: reason".
     */
    private List<String> brokenRules(Map<String, Zone> changed) {
        Function<String, Optional<Zone>> after = id -> Optional.ofNullable(changed.get(id)).or(() -> dirs.zone(id));
        List<String> out = new ArrayList<>();
        dirs.rules().values().stream()
                .filter(r -> validator.zonesUsed(r).stream().anyMatch(changed::containsKey))
                .sorted(java.util.Comparator.comparing(RuleDocument::id))
                .forEach(r -> {
                    List<String> before = validator.validate(r, dirs::zone);
                    validator.validate(r, after).stream().filter(p -> !before.contains(p)).forEach(p -> out.add("rule " + r.id() + ": " + p));
                });
        return out;
    }

    private static int depth(Zone z, Map<String, Zone> batch) {
        int d = 0;
        for (Zone p = z; p != null && p.parent() != null && d < 10; p = batch.get(p.parent())) {
            d++;
        }
        return d;
    }

    void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (dirs.zone(id).isEmpty()) {
            throw ApiException.notFound("zone " + id);
        }
        List<String> users = new ArrayList<>();
        dirs.zones().values().stream().filter(z -> id.equals(z.parent())).forEach(z -> users.add("zone " + z.id() + " has it as parent"));
        dirs.rules().values().stream().filter(r -> validator.zonesUsed(r).contains(id))
                .sorted(java.util.Comparator.comparing(RuleDocument::id))
                .forEach(r -> users.add("rule " + r.id() + (r.zones().contains(id) ? " applies to it" : " uses it in its parameters")));
        if (!users.isEmpty()) {
            throw new ApiException(409, "zone " + id + " is still in use", users);
        }
        Http.back(ctx, dirs.deleteZone(id, Http.actor(ctx)))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(e -> ctx.fail(new ApiException(503, "zone not deleted: Kafka is unavailable")));
    }

    private static Zone read(JsonNode feature, String id) {
        try {
            return ZoneFeatures.fromFeature(feature, id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("zone refused", List.of(e.getMessage()));
        }
    }
}
