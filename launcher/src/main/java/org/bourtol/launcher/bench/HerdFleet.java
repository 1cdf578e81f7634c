package org.bourtol.launcher.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;

/**
 * The simulated herds of the memory bench: {@code herds} GPS collars spread over the Sahel between the inner Niger
 * delta and Niamey (seeded, so a run is repeatable), each reporting one position per round and walking about a
 * kilometre between rounds. Herds whose index falls in the silent share stop reporting from {@code silentFrom} on
 * (every fifth herd for a share of 0.2), the way a herd that leaves the network does. Within a round the herds report
 * one after the other, evenly spread over the interval, so event time advances smoothly. Pure, not thread-safe.
 */
final class HerdFleet {

    static final double SOUTH = 12.5;
    static final double NORTH = 16.5;
    static final double WEST = -5.5;
    static final double EAST = 3.0;
    /** About a kilometre, in degrees: the longest step a herd takes between two reports. */
    private static final double STEP = 0.01;
    private static final Species[] SPECIES = {Species.CATTLE, Species.SHEEP, Species.GOATS, Species.CAMELS, Species.MIXED};

    private final int herds;
    private final Duration interval;
    private final double silentShare;
    private final Instant silentFrom;
    private final double[] lat;
    private final double[] lon;
    private final SplittableRandom random;

    HerdFleet(int herds, Duration interval, double silentShare, Instant silentFrom, long seed) {
        if (herds <= 0 || interval.isNegative() || interval.isZero() || silentShare < 0 || silentShare > 1) {
            throw new IllegalArgumentException("herds > 0, a positive interval and a silent share in [0, 1] are required");
        }
        this.herds = herds;
        this.interval = interval;
        this.silentShare = silentShare;
        this.silentFrom = silentFrom;
        this.lat = new double[herds];
        this.lon = new double[herds];
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < herds; i++) {
            lat[i] = SOUTH + random.nextDouble() * (NORTH - SOUTH);
            lon[i] = WEST + random.nextDouble() * (EAST - WEST);
        }
    }

    static String herdId(int i) {
        return String.format(Locale.ROOT, "herd-%06d", i);
    }

    /** True when herd {@code i} is one of the silent share (it stops reporting at {@code silentFrom}). */
    boolean silent(int i) {
        return silentShare > 0 && Math.floor((i + 1) * silentShare) > Math.floor(i * silentShare);
    }

    int silentCount() {
        int n = 0;
        for (int i = 0; i < herds; i++) {
            n += silent(i) ? 1 : 0;
        }
        return n;
    }

    int herds() {
        return herds;
    }

    /** The positions reported in the round starting at {@code start} (number {@code round}), each herd one step further. */
    List<HerdPosition> round(int round, Instant start) {
        List<HerdPosition> out = new ArrayList<>(herds);
        long spacingNanos = interval.toNanos() / herds;
        for (int i = 0; i < herds; i++) {
            Instant at = start.plusNanos(spacingNanos * i);
            lat[i] = clamp(lat[i] + (random.nextDouble() * 2 - 1) * STEP, SOUTH, NORTH);
            lon[i] = clamp(lon[i] + (random.nextDouble() * 2 - 1) * STEP, WEST, EAST);
            if (silent(i) && silentFrom != null && !at.isBefore(silentFrom)) {
                continue;
            }
            // as ingest publishes a collar's fix: an HMAC-style id of 24 hex digits, no reporter, 5 decimals (about a metre)
            String id = String.format(Locale.ROOT, "mqtt-%08x%016x", i, round * 0x9E3779B97F4A7C15L + i);
            out.add(new HerdPosition(id, Source.MQTT, at, at.plusSeconds(2), null, true, herdId(i), round5(lat[i]), round5(lon[i]),
                    20 + i % 180, SPECIES[i % SPECIES.length], null, null, null, null, null));
        }
        return out;
    }

    private static double round5(double v) {
        return Math.round(v * 100_000) / 100_000.0;
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }
}
