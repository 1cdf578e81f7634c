package org.bourtol.rules.zones;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.platform.http.ApiException;

/**
 * Bounds on a zone upload, checked before any geometry work: at most {@link #MAX_FEATURES} features
 * per import, {@link #MAX_VERTICES_PER_ZONE} vertices per zone and {@link #MAX_VERTICES} in all. The
 * default dataset's largest zone has a few hundred vertices; a commune boundary simplified for SMS-era
 * use stays well under the per-zone bound. Over a bound the upload is refused (400) naming it.
 */
public final class ZoneLimits {

    public static final int MAX_FEATURES = 2_000;
    public static final int MAX_VERTICES_PER_ZONE = 20_000;
    public static final int MAX_VERTICES = 200_000;

    private ZoneLimits() {
    }

    /** Throws a 400 {@link ApiException} naming every bound the features exceed. */
    public static void check(List<JsonNode> features) {
        List<String> problems = new ArrayList<>();
        if (features.size() > MAX_FEATURES) {
            problems.add("at most " + MAX_FEATURES + " features per import (got " + features.size() + "); import them in parts");
        }
        long total = 0;
        for (int i = 0; i < features.size() && problems.size() < 20; i++) {
            long n = vertices(features.get(i).path("geometry"), MAX_VERTICES_PER_ZONE + 1L);
            total += n;
            if (n > MAX_VERTICES_PER_ZONE) {
                problems.add("feature " + i + (features.get(i).path("id").isTextual() ? " (" + features.get(i).path("id").asText() + ")" : "")
                        + ": more than " + MAX_VERTICES_PER_ZONE + " vertices; simplify the geometry");
            }
        }
        if (total > MAX_VERTICES) {
            problems.add("at most " + MAX_VERTICES + " vertices per import (got at least " + total + "); simplify or import in parts");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("zone upload too large; nothing was stored", problems);
        }
    }

    /** Positions in a GeoJSON geometry (any nesting), counting no further than {@code stop}. */
    static long vertices(JsonNode geometry, long stop) {
        long n = 0;
        List<JsonNode> todo = new ArrayList<>();
        todo.add(geometry.path("coordinates"));
        geometry.path("geometries").forEach(todo::add);
        while (!todo.isEmpty() && n < stop) {
            JsonNode c = todo.remove(todo.size() - 1);
            if (c.has("coordinates") || c.has("geometries")) {
                c.path("geometries").forEach(todo::add);
                todo.add(c.path("coordinates"));
            } else if (c.isArray() && c.size() > 0 && c.get(0).isNumber()) {
                n++;
            } else if (c.isArray()) {
                c.forEach(todo::add);
            }
        }
        return n;
    }
}
