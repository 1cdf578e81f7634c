package org.bourtol.timeseries.metrics;

import java.util.Map;
import org.bourtol.testkit.PrometheusText;

/** Reads values out of a Prometheus scrape through testkit's strict {@link PrometheusText} parser. */
public final class PrometheusProbe {

    private PrometheusProbe() {
    }

    /** {@code bourtol_influx_points_total{measurement}}, 0 when not yet registered. */
    public static double points(String scrape, String measurement) {
        return PrometheusText.parse(scrape).value("bourtol_influx_points_total", Map.of("measurement", measurement)).orElse(0.0);
    }

    public static double value(String scrape, String name) {
        return PrometheusText.parse(scrape).value(name, Map.of()).orElseThrow(() -> new AssertionError(name + " not in /metrics"));
    }
}
