package org.bourtol.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.directory.ApiToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bearer auth and JSON errors through a real Vert.x server on a free port. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApiAuthTest {

    static final String ADMIN = "admin-token-0123456789";
    static final String VIEWER = "viewer-token-0123456789";
    static Vertx vertx;
    static HttpServer server;
    static WebClient client;
    static ApiAuth auth;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        auth = new ApiAuth(ADMIN);
        auth.put(new ApiToken(ApiAuth.sha256(VIEWER), "field-viewer", "viewer", Instant.EPOCH));
        Router router = Router.router(vertx);
        ApiErrors.install(router);
        router.get("/officer").handler(auth.require(Role.OFFICER)).handler(ctx -> ctx.end("hello " + ctx.get(ApiAuth.ACTOR)));
        router.get("/viewer").handler(auth.require(Role.VIEWER)).handler(ctx -> ctx.end("hello " + ctx.get(ApiAuth.ACTOR)));
        router.get("/ingest").handler(auth.require(Role.INGEST)).handler(ctx -> ctx.end("hello " + ApiAuth.role(ctx).wire()));
        router.get("/missing").handler(ctx -> {
            throw ApiException.notFound("zone koulikoro");
        });
        router.get("/boom").handler(ctx -> {
            throw new IllegalStateException("bug");
        });
        router.post("/json").handler(BodyHandler.create(false)).handler(ctx -> ctx.end(ctx.body().asJsonObject().encode()));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static HttpResponse<Buffer> get(String path, String token) throws Exception {
        var req = client.get(server.actualPort(), "127.0.0.1", path);
        if (token != null) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        return req.send().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void missingOrUnknownTokenIs401WithJsonError() throws Exception {
        for (String token : new String[] {null, "not-a-known-token-123"}) {
            HttpResponse<Buffer> r = get("/viewer", token);
            assertEquals(401, r.statusCode());
            assertEquals("Bearer realm=\"bourtol\"", r.getHeader("WWW-Authenticate"));
            assertEquals("missing or unknown bearer token", r.bodyAsJsonObject().getString("error"));
        }
    }

    @Test
    void lowerRoleIs403AndHigherRoleIncludesLower() throws Exception {
        HttpResponse<Buffer> denied = get("/officer", VIEWER);
        assertEquals(403, denied.statusCode());
        assertEquals(List.of("token role: viewer"), denied.bodyAsJsonObject().getJsonArray("details").getList());
        assertEquals("hello field-viewer", get("/viewer", VIEWER).bodyAsString());
        assertEquals("hello admin", get("/officer", ADMIN).bodyAsString());
    }

    @Test
    void removedTokenIsRefused() throws Exception {
        String temp = "temporary-token-0123456789";
        auth.put(new ApiToken(ApiAuth.sha256(temp), "temp", "officer", Instant.EPOCH));
        assertEquals(200, get("/officer", temp).statusCode());
        auth.remove(ApiAuth.sha256(temp));
        assertEquals(401, get("/officer", temp).statusCode());
    }

    @Test
    void errorsAreJson() throws Exception {
        HttpResponse<Buffer> missing = get("/missing", null);
        assertEquals(404, missing.statusCode());
        assertEquals("zone koulikoro not found", missing.bodyAsJsonObject().getString("error"));
        HttpResponse<Buffer> boom = get("/boom", null);
        assertEquals(500, boom.statusCode());
        assertEquals(new JsonObject().put("error", "internal error").put("details", new io.vertx.core.json.JsonArray()), boom.bodyAsJsonObject());
        HttpResponse<Buffer> bad = client.post(server.actualPort(), "127.0.0.1", "/json").sendBuffer(Buffer.buffer("{not json"))
                .toCompletionStage().toCompletableFuture().get();
        assertEquals(400, bad.statusCode());
        assertEquals("invalid request body", bad.bodyAsJsonObject().getString("error"));
    }

    @Test
    void onlyHashesAreKept() {
        assertEquals(64, ApiAuth.sha256("x").length());
        assertTrue(auth.authenticate("Bearer " + ADMIN).isPresent());
        assertTrue(auth.authenticate("bearer " + ADMIN).isPresent(), "scheme is case-insensitive");
        assertTrue(auth.authenticate("Basic " + ADMIN).isEmpty());
        assertTrue(auth.authenticate(null).isEmpty());
    }

    @Test
    void anIngestTokenMayOnlyPostObservationsWhichOfficersMayToo() throws Exception {
        String ingest = "ingest-token-0123456789";
        auth.put(new ApiToken(ApiAuth.sha256(ingest), "kobo-form", "ingest", Instant.EPOCH, Instant.now().plusSeconds(3600), null));
        assertEquals("hello ingest", get("/ingest", ingest).bodyAsString());
        assertEquals(403, get("/viewer", ingest).statusCode(), "an ingest token reads nothing");
        assertEquals(403, get("/officer", ingest).statusCode());
        assertEquals(403, get("/ingest", VIEWER).statusCode(), "a viewer may not post observations");
        assertEquals("hello admin", get("/ingest", ADMIN).bodyAsString());
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        String soon = "expiring-token-0123456789";
        auth.put(new ApiToken(ApiAuth.sha256(soon), "soon", "officer", Instant.EPOCH, Instant.now().plusSeconds(3600), null));
        assertEquals(200, get("/officer", soon).statusCode());
        auth.put(new ApiToken(ApiAuth.sha256(soon), "soon", "officer", Instant.EPOCH, Instant.now().minusSeconds(1), null));
        HttpResponse<Buffer> r = get("/officer", soon);
        assertEquals(401, r.statusCode());
        assertEquals("token expired", r.bodyAsJsonObject().getString("error"));
        assertTrue(auth.authenticate("Bearer " + soon).isEmpty());
    }

    @Test
    void theStartupAdminTokenIsRevokedByARevokedRecordOfItsHash() throws Exception {
        String startup = "startup-admin-0123456789";
        ApiAuth own = new ApiAuth(startup);
        assertEquals(ApiAuth.sha256(startup), own.startupSha().orElseThrow());
        assertTrue(own.authenticate("Bearer " + startup).isPresent());
        own.put(own.startupToken().orElseThrow().revoked(Instant.now()));
        assertTrue(own.authenticate("Bearer " + startup).isEmpty());
        assertTrue(own.startupToken().orElseThrow().revokedAt() != null);
    }

    @Test
    void roles() {
        assertTrue(Role.ADMIN.includes(Role.OFFICER));
        assertTrue(Role.OFFICER.includes(Role.VIEWER));
        assertTrue(!Role.VIEWER.includes(Role.OFFICER));
        assertTrue(Role.OFFICER.includes(Role.INGEST));
        assertTrue(!Role.INGEST.includes(Role.VIEWER));
        assertTrue(!Role.VIEWER.includes(Role.INGEST));
        assertEquals(Role.OFFICER, Role.parse(" Officer "));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
    }
}
