package org.bourtol.launcher.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run of one path measured: messages that arrived, throughput (arrived / seconds from the first send to
 * the last arrival) at the offered {@code rate} (0: as fast as accepted), and latency percentiles in milliseconds (HdrHistogram, 3 significant digits).
 */
public record Figures(String path, double rate, int sent, int arrived, double perSecond, double p50, double p99, double max) {

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
        return String.format(Locale.ROOT, "  %-44s %6d/%-6d %9.0f %9.1f %9.1f %9.1f", label, arrived, sent, perSecond, p50, p99, max);
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
        return m;
    }
}
