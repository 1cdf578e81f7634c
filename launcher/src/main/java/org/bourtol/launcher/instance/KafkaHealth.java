package org.bourtol.launcher.instance;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.bourtol.platform.health.HealthRegistry.Status;
import org.bourtol.platform.kafka.KafkaClients;

/**
 * Kafka reachability for {@code /health}: an admin {@code describeCluster} every few seconds on a
 * worker thread; the health check only reads the cached result (never blocks the event loop).
 */
final class KafkaHealth implements AutoCloseable {

    private static final long PERIOD_MS = 5000;

    private final Vertx vertx;
    private final Admin admin;
    private final String bootstrap;
    private volatile Status status = Status.down("not checked yet");
    private long timer = -1;

    KafkaHealth(Vertx vertx, KafkaClients clients) {
        this.vertx = vertx;
        this.admin = Admin.create(clients.common());
        this.bootstrap = clients.bootstrap();
    }

    /** Checks at once and then periodically, on a worker (the first answer takes a moment on a fresh broker). */
    KafkaHealth start() {
        vertx.executeBlocking(() -> {
            check();
            return null;
        });
        timer = vertx.setPeriodic(PERIOD_MS, id -> vertx.executeBlocking(() -> {
            check();
            return null;
        }));
        return this;
    }

    /** Fails with a clear message when Kafka does not answer within {@code timeout} (external mode at startup). */
    void awaitUp(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"UP".equals(status.state())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds()
                        + " s (kafka.bootstrap / BOURTOL_KAFKA_BOOTSTRAP, security settings)");
            }
            check();
        }
    }

    int brokerCount() {
        try {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return 1;
        }
    }

    private void check() {
        try {
            int nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
            status = Status.up(bootstrap + ", " + nodes + " broker" + (nodes == 1 ? "" : "s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            status = Status.down(bootstrap + " unreachable: " + e.getClass().getSimpleName());
        }
    }

    Status status() {
        return status;
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
