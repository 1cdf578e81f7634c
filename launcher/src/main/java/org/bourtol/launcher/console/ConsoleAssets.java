package org.bourtol.launcher.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, served from the jar: {@code GET /} (the page), {@code /console/**} (its modules,
 * styles, message files and basemap) and {@code /vendor/leaflet/**}, {@code /vendor/uplot/**} (the
 * WebJars' {@code dist} folders). Every answer carries a Content-Security-Policy without
 * {@code unsafe-inline} and an ETag; files are read once and kept in memory. Only names of letters,
 * digits, {@code - _ . /} without {@code ..} are looked up.
 */
final class ConsoleAssets {

    static final String LEAFLET = "META-INF/resources/webjars/leaflet/1.9.4/dist/";
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./-]{1,200}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8", "png", "image/png", "svg", "image/svg+xml");

    private record Asset(Buffer body, String type, String etag) {
    }

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    void mount(Router router) {
        router.get("/").handler(ctx -> serve(ctx, "console/index.html", false));
        router.get("/console/*").handler(ctx -> serve(ctx, "console/" + ctx.pathParam("*"), false));
        router.get("/vendor/leaflet/*").handler(ctx -> serve(ctx, LEAFLET + ctx.pathParam("*"), true));
        router.get("/vendor/uplot/*").handler(ctx -> serve(ctx, UPLOT + ctx.pathParam("*"), true));
    }

    static void securityHeaders(HttpServerResponse r) {
        r.putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
    }

    private void serve(RoutingContext ctx, String name, boolean versioned) {
        if (!SAFE.matcher(name).matches() || name.contains("..") || name.endsWith("/")) {
            ctx.fail(404);
            return;
        }
        Optional<Asset> asset = cache.computeIfAbsent(name, ConsoleAssets::load);
        if (asset.isEmpty()) {
            ctx.fail(404);
            return;
        }
        Asset a = asset.get();
        HttpServerResponse r = ctx.response();
        securityHeaders(r);
        r.putHeader("ETag", a.etag()).putHeader("Content-Type", a.type())
                .putHeader("Cache-Control", versioned ? "public, max-age=604800, immutable" : "no-cache");
        if (a.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            r.setStatusCode(304).end();
            return;
        }
        r.end(a.body());
    }

    private static Optional<Asset> load(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(Buffer.buffer(bytes), type, "\"" + sha256(bytes).substring(0, 20) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
