package org.bourtol.launcher.platform;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The console at {@code GET /}: one static page that shows the active alerts (read from the public CAP
 * Atom feed) and {@code /health}, refreshed every 5 s, with links to the feeds and APIs.
 */
final class Console {

    private Console() {
    }

    static void mount(Router router) {
        Buffer page = Buffer.buffer(load());
        router.get("/").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'")
                .putHeader("Cache-Control", "no-cache")
                .end(page));
    }

    private static byte[] load() {
        try (InputStream in = Console.class.getResourceAsStream("console.html")) {
            if (in == null) {
                throw new IllegalStateException("console.html is missing from the launcher jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
