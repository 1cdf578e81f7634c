package org.bourtol.timeseries.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's meters, shown on {@code GET /metrics} as {@code bourtol_influx_lag_records} (records of
 * the sink's topics not yet in InfluxDB), {@code bourtol_influx_points_total{measurement}} (points
 * InfluxDB accepted), {@code bourtol_influx_write_errors_total}, {@code bourtol_influx_skipped_total}
 * (undecodable records) and {@code bourtol_influx_write_latency_seconds}.
 */
public final class SinkMeters {

    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final Counter errors;
    private final Counter skipped;
    private final Timer write;

    public SinkMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("bourtol.influx.lag", lag, AtomicLong::get).description("records of the sink's topics not yet in InfluxDB")
                .baseUnit("records").register(registry);
        this.errors = Counter.builder("bourtol.influx.write.errors").description("failed InfluxDB batch writes (retried)").register(registry);
        this.skipped = Counter.builder("bourtol.influx.skipped").description("records that could not be decoded").register(registry);
        this.write = Timer.builder("bourtol.influx.write.latency").description("InfluxDB batch write time").register(registry);
    }

    public void lag(long records) {
        lag.set(records);
    }

    public long lag() {
        return lag.get();
    }

    public void pointsAccepted(Map<String, Integer> perMeasurement) {
        perMeasurement.forEach((m, n) -> Counter.builder("bourtol.influx.points").description("points accepted by InfluxDB")
                .tag("measurement", m).register(registry).increment(n));
    }

    public void writeFailed() {
        errors.increment();
    }

    public void skipped() {
        skipped.increment();
    }

    public Timer writeTimer() {
        return write;
    }
}
