package org.bourtol.platform.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Named health checks. {@code GET /health} answers 200 only when every check is UP or DISABLED
 * (a component switched off by configuration, e.g. InfluxDB without a URL), otherwise 503.
 * Checks must be cheap and non-blocking (they read a flag or a cached state). Anonymous callers get
 * the states without the details ({@link #mount(Router, Predicate)}).
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

    /** Every check with its state and detail (URLs, hosts, counts): for signed-in callers and tests. */
    public JsonObject snapshot() {
        return snapshot(true);
    }

    /** Every check's state; with {@code details}, also its detail text. */
    public JsonObject snapshot(boolean details) {
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
            JsonObject c = new JsonObject().put("status", s.state());
            if (details) {
                c.put("detail", s.detail());
            }
            components.put(e.getKey(), c);
        }
        return new JsonObject().put("status", all ? "UP" : "DOWN").put("components", components);
    }

    /** {@code GET /health} with states only: no caller sees the details. */
    public void mount(Router router) {
        mount(router, authorization -> false);
    }

    /**
     * {@code GET /health}: every caller gets the overall and per-check states (load balancers and
     * {@code bourtol health} need nothing else); only a caller whose {@code Authorization} header
     * {@code mayReadDetails} accepts (a signed-in console user) also gets the details, which name
     * internal addresses (the Kafka bootstrap, the MQTT and InfluxDB URLs, the local SMS sink).
     */
    public void mount(Router router, Predicate<String> mayReadDetails) {
        router.get("/health").handler(ctx -> {
            JsonObject body = snapshot(mayReadDetails.test(ctx.request().getHeader("Authorization")));
            ctx.response().setStatusCode("UP".equals(body.getString("status")) ? 200 : 503)
                    .putHeader("content-type", "application/json").end(body.encodePrettily());
        });
    }
}
