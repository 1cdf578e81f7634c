package org.bourtol.platform.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * Named health checks. {@code GET /health} answers 200 only when every check is UP or DISABLED
 * (a component switched off by configuration, e.g. InfluxDB without a URL), otherwise 503.
 * Checks must be cheap and non-blocking (they read a flag or a cached state).
 */
public final class HealthRegistry {

    /** State of one check, with a short human detail. */
    public record Status(String state, String detail) {
        public static Status up(String detail) {
            return new Status("UP", detail);
        }

        public static Status down(String detail) {
            return new Status("DOWN", detail);
        }

        public static Status disabled(String detail) {
            return new Status("DISABLED", detail);
        }

        public boolean ok() {
            return !"DOWN".equals(state);
        }
    }

    private final Map<String, Supplier<Status>> checks = new ConcurrentSkipListMap<>();

    public void register(String name, Supplier<Status> check) {
        checks.put(name, check);
    }

    public void unregister(String name) {
        checks.remove(name);
    }

    public JsonObject snapshot() {
        JsonObject components = new JsonObject();
        boolean all = true;
        for (Map.Entry<String, Supplier<Status>> e : checks.entrySet()) {
            Status s;
            try {
                s = e.getValue().get();
            } catch (RuntimeException ex) {
                s = Status.down("check failed: " + ex.getMessage());
            }
            all &= s.ok();
            components.put(e.getKey(), new JsonObject().put("status", s.state()).put("detail", s.detail()));
        }
        return new JsonObject().put("status", all ? "UP" : "DOWN").put("components", components);
    }

    public void mount(Router router) {
        router.get("/health").handler(ctx -> {
            JsonObject body = snapshot();
            ctx.response().setStatusCode("UP".equals(body.getString("status")) ? 200 : 503)
                    .putHeader("content-type", "application/json").end(body.encodePrettily());
        });
    }
}
