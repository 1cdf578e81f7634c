package org.bourtol.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON error bodies and installs the router-wide failure handler. */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static void send(RoutingContext ctx, int status, String message, List<String> details) {
        if (ctx.response().ended()) {
            return;
        }
        JsonObject body = new JsonObject().put("error", message).put("details", new JsonArray(List.copyOf(details)));
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    /** Maps failures to JSON: ApiException → its status; bad JSON → 400; body too large → 413; anything else → 500 (logged). */
    public static void install(Router router) {
        router.route().failureHandler(ctx -> {
            Throwable f = ctx.failure();
            if (f instanceof ApiException e) {
                send(ctx, e.status(), e.getMessage(), e.details());
            } else if (f instanceof JsonProcessingException || f instanceof io.vertx.core.json.DecodeException
                    || f instanceof IllegalArgumentException) {
                send(ctx, 400, "invalid request body", List.of(String.valueOf(f.getMessage()).lines().findFirst().orElse("")));
            } else if (ctx.statusCode() == 413) {
                send(ctx, 413, "request body too large", List.of());
            } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                send(ctx, ctx.statusCode(), ctx.statusCode() == 404 ? "not found" : "request refused", List.of());
            } else {
                LOG.error("request failed [method: {}, path: {}]", ctx.request().method(), ctx.request().path(), f);
                send(ctx, 500, "internal error", List.of());
            }
        });
    }
}
