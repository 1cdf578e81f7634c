package org.bourtol.launcher.instance;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bourtol.platform.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Blocking waits with deadlines for the starting thread, and best-effort shutdown steps that log instead of throwing. */
final class Steps {

    private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

    private Steps() {
    }

    static <T> T await(Future<T> f, Duration timeout, String what) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + " did not complete within " + timeout.toSeconds() + " s", e);
        }
    }

    static void quietly(String what, Runnable action) {
        long t0 = System.nanoTime();
        try {
            action.run();
            LOG.debug("shutdown step done [step: {}, ms: {}]", what, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("shutdown step failed [step: {}, reason: {}]", what, e.getMessage());
        }
    }

    /**
     * Stops components in reverse start order, 3 s each at most. The components after the first
     * (rules, notifier, timeseries) only consume Kafka and close their own clients, so they stop
     * together; then the first (ingest), which the MQTT broker and HTTP API feed.
     */
    static void stopComponents(List<Component> components) {
        List<CompletableFuture<Void>> downstream = new ArrayList<>();
        for (int i = components.size() - 1; i >= 1; i--) {
            Component c = components.get(i);
            downstream.add(CompletableFuture.runAsync(() -> quietly(c.name() + " stop",
                    () -> await(c.stop(), Duration.ofSeconds(3), c.name() + " stop"))));
        }
        quietly("downstream components stop", () -> CompletableFuture.allOf(downstream.toArray(CompletableFuture[]::new))
                .orTimeout(4, TimeUnit.SECONDS).join());
        if (!components.isEmpty()) {
            Component first = components.get(0);
            quietly(first.name() + " stop", () -> await(first.stop(), Duration.ofSeconds(3), first.name() + " stop"));
        }
    }
}
