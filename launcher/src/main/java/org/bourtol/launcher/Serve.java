package org.bourtol.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.bourtol.launcher.platform.Platform;

/** Starts a {@link Platform}, prints the ready line, and serves until SIGTERM/Ctrl-C, then stops it cleanly. */
final class Serve {

    private Serve() {
    }

    static int untilSignal(Platform.Options options, PrintStream out) throws InterruptedException {
        Platform platform = Platform.start(options);
        String host = platform.config().http().host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        }
        out.println("Bourtol is ready on http://" + host + ":" + platform.httpPort()
                + " (" + ManagementFactory.getRuntimeMXBean().getUptime() + " ms)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long t0 = System.nanoTime();
            platform.close();
            out.println("Bourtol stopped (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            out.flush();
            stopped.countDown();
        }, "bourtol-shutdown"));
        stopped.await();
        return 0;
    }
}
