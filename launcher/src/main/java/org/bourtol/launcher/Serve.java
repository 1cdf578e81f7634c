package org.bourtol.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bourtol.launcher.instance.Instance;

/**
 * Starts an {@link Instance}, prints the ready line, and serves until SIGTERM/Ctrl-C, then stops it
 * cleanly. The shutdown hook is installed before the start, so a SIGTERM during startup waits for
 * the start to finish and then stops what was started.
 */
final class Serve {

    private Serve() {
    }

    static int untilSignal(Instance.Options options, PrintStream out) throws InterruptedException {
        AtomicReference<Instance> running = new AtomicReference<>();
        CountDownLatch startDone = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                startDone.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Instance platform = running.get();
            if (platform != null) {
                long t0 = System.nanoTime();
                platform.close();
                out.println("Bourtol stopped (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
                out.flush();
            }
            stopped.countDown();
        }, "bourtol-shutdown"));
        Instance platform;
        try {
            platform = Instance.start(options);
            running.set(platform);
        } finally {
            startDone.countDown();
        }
        String host = platform.config().http().host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        }
        out.println("Bourtol is ready on http://" + host + ":" + platform.httpPort()
                + " (" + ManagementFactory.getRuntimeMXBean().getUptime() + " ms)");
        out.flush();
        stopped.await();
        return 0;
    }
}
