package org.bourtol.launcher.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Whether the JIT compiler has settled, for the bench's warm-up: a warm-up round counts as settled when the
 * compiler threads spent less than {@link #SETTLED_SHARE} of the round's wall time compiling (summed over those
 * threads, as {@link CompilationMXBean#getTotalCompilationTime} counts it). No round starts once {@code maxTime} has
 * passed since the first, settled or not (the hop's note says which); with zero there is one round. The measured runs
 * are checked the same way ({@link #mark()}): a saturation round in which the JIT compiled for a tenth of a run is run
 * again ({@link Hop#measure}).
 *
 * @param compileMillis the JIT's accumulated compilation time, or a negative value when the JVM does not measure it
 * @param wallMillis a monotonic clock in milliseconds
 * @param maxTime no warm-up round starts after this much time ({@code bourtol bench --warm-up})
 */
public record Jit(LongSupplier compileMillis, LongSupplier wallMillis, Duration maxTime) {

    static final double SETTLED_SHARE = 0.10;

    public static Jit ofThisJvm(Duration maxTime) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measured = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new Jit(measured ? jit::getTotalCompilationTime : () -> -1, () -> System.nanoTime() / 1_000_000, maxTime);
    }

    Settling start() {
        return new Settling();
    }

    /** A point in time and the JIT's compilation time then, to measure a run's {@link Mark#share()} of compilation. */
    Mark mark() {
        return new Mark(compileMillis.getAsLong(), wallMillis.getAsLong());
    }

    /** Where a run began. */
    final class Mark {
        private final long compiled;
        private final long wall;

        private Mark(long compiled, long wall) {
            this.compiled = compiled;
            this.wall = wall;
        }

        /** The share of the wall time since this mark that the JIT spent compiling; NaN when it cannot be measured. */
        double share() {
            long now = compileMillis.getAsLong();
            return now < 0 || compiled < 0 ? Double.NaN : Jit.share(now - compiled, wallMillis.getAsLong() - wall);
        }
    }

    /** True when a run's compilation {@code share} is below {@link #SETTLED_SHARE}, or could not be measured. */
    static boolean settled(double share) {
        return Double.isNaN(share) || share < SETTLED_SHARE;
    }

    /** The warm-up's rounds so far: the compilation share of the last one. */
    final class Settling {
        private final long began = wallMillis.getAsLong();
        private long roundStart = began;
        private long compiledAtStart = compileMillis.getAsLong();
        private double lastShare = Double.NaN;

        /** Ends a round: true when the JIT compiled for less than {@link #SETTLED_SHARE} of it, or cannot be measured. */
        boolean settledAfterRound() {
            long now = wallMillis.getAsLong();
            long compiled = compileMillis.getAsLong();
            if (compiled < 0 || compiledAtStart < 0) {
                return true;
            }
            lastShare = share(compiled - compiledAtStart, now - roundStart);
            roundStart = now;
            compiledAtStart = compiled;
            return lastShare < SETTLED_SHARE;
        }

        boolean overTime() {
            return wallMillis.getAsLong() - began >= maxTime.toMillis();
        }

        String describe() {
            if (Double.isNaN(lastShare)) {
                return "this JVM does not measure its JIT compilation time";
            }
            String share = String.format(Locale.ROOT, "the JIT compiled for %.0f %% of the last round", 100 * lastShare);
            return lastShare < SETTLED_SHARE ? share : share + ", not settled: the figures include compilation";
        }
    }

    /** Compilation time over wall time; a round too short to measure counts as not settled. */
    static double share(long compiledMillis, long wallMillis) {
        return wallMillis <= 0 ? 1 : (double) compiledMillis / wallMillis;
    }
}
