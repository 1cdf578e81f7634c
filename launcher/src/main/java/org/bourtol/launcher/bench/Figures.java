package org.bourtol.launcher.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run of one path measured: messages that arrived, throughput (arrived / seconds from the first send to
 * the last arrival) at the offered {@code rate} (0: as fast as accepted), latency percentiles in milliseconds (HdrHistogram,
 * 3 significant digits), and the CPU microseconds per arrived message of the process's Java threads ({@link ThreadCpu};
 * NaN when not measured), in all and by thread group, the most first (empty when not measured), and the kernel's account
 * of all the process's threads per message ({@link ThreadCpu.Kernel}: on a core and waiting for one, the JIT's and the
 * collector's threads too).
 */
public record Figures(String path, double rate, int sent, int arrived, double perSecond, double p50, double p99, double max,
        double cpuMicros, Map<String, Double> cpuByThread, ThreadCpu.Kernel kernel) {

    public Figures {
        cpuByThread = Collections.unmodifiableMap(new LinkedHashMap<>(cpuByThread));
    }

    /** Figures without CPU time. */
    public Figures(String path, double rate, int sent, int arrived, double perSecond, double p50, double p99, double max) {
        this(path, rate, sent, arrived, perSecond, p50, p99, max, Double.NaN, Map.of(), ThreadCpu.Kernel.NONE);
    }

    /**
     * These figures with the run's CPU microseconds per message by thread group ({@link ThreadCpu.Mark#microsPerByThread});
     * empty: not measured.
     */
    Figures withCpu(Map<String, Double> byThread) {
        double micros = byThread.isEmpty() ? Double.NaN : byThread.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Figures(path, rate, sent, arrived, perSecond, p50, p99, max, micros, byThread, kernel);
    }

    /** These figures with the kernel's account of the run ({@link ThreadCpu.Mark#kernelPer}). */
    Figures withKernel(ThreadCpu.Kernel k) {
        return new Figures(path, rate, sent, arrived, perSecond, p50, p99, max, cpuMicros, cpuByThread, k);
    }

    static Figures of(String path, double rate, int sent, int arrived, long nanos, Histogram micros) {
        double perSecond = nanos <= 0 ? 0 : arrived / (nanos / 1e9);
        if (micros.getTotalCount() == 0) {
            return new Figures(path, rate, sent, arrived, perSecond, 0, 0, 0);
        }
        return new Figures(path, rate, sent, arrived, perSecond, micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    /** {@code a / b}, 0 when {@code b} is 0. */
    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    String row(String label) {
        String cpu = Double.isNaN(cpuMicros) ? "" : String.format(Locale.ROOT, " %9.1f %5.0f%%", cpuMicros, 100 * busy());
        return String.format(Locale.ROOT, "  %-44s %6d/%-6d %9.0f %9.1f %9.1f %9.1f", label, arrived, sent, perSecond, p50, p99, max) + cpu;
    }

    /**
     * The share of the machine's cores the Java threads kept busy during the run ({@link #cpuMicros} times the messages
     * per second over the cores); NaN when not measured.
     */
    double busy() {
        return cpuMicros * perSecond / 1e6 / Runtime.getRuntime().availableProcessors();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("offeredPerSecond", Math.round(rate * 10) / 10.0);
        m.put("sent", sent);
        m.put("arrived", arrived);
        m.put("perSecond", Math.round(perSecond * 10) / 10.0);
        m.put("p50Ms", p50);
        m.put("p99Ms", p99);
        m.put("maxMs", max);
        if (!Double.isNaN(cpuMicros)) {
            m.put("cpuMicrosPerMessage", Math.round(cpuMicros * 10) / 10.0);
            m.put("coresBusy", Math.round(busy() * 1000) / 1000.0);
            Map<String, Double> threads = new LinkedHashMap<>();
            cpuByThread.forEach((t, us) -> threads.put(t, Math.round(us * 100) / 100.0));
            m.put("cpuMicrosByThread", threads);
        }
        if (kernel.measured()) {
            m.put("kernelRunMicrosPerMessage", Math.round(kernel.runMicros() * 10) / 10.0);
            m.put("kernelWaitMicrosPerMessage", Math.round(kernel.waitMicros() * 10) / 10.0);
        }
        return m;
    }
}
