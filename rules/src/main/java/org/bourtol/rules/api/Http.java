package org.bourtol.rules.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import org.bourtol.contracts.topic.Json;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiException;

/** JSON in and out for the rules APIs. */
public final class Http {

    private Http() {
    }

    public static JsonNode body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
            throw ApiException.badRequest("request body is missing", List.of());
        }
        try {
            return Json.MAPPER.readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            throw ApiException.badRequest("request body is not valid JSON",
                    List.of(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }

    public static void json(RoutingContext ctx, int status, Object value) {
        try {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** Completes on the request's Vert.x context (Kafka completes futures on its producer thread). */
    public static <T> io.vertx.core.Future<T> back(RoutingContext ctx, io.vertx.core.Future<T> f) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
        f.onComplete(ar -> context.runOnContext(v -> p.handle(ar)));
        return p.future();
    }

    public static String actor(RoutingContext ctx) {
        Object a = ctx.get(ApiAuth.ACTOR);
        return a == null ? "unknown" : a.toString();
    }
}
