package org.bourtol.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A herd's planned movement: keyframes (time, position, grazing radius) joined by straight walks.
 * Between two keyframes at the same place the herd grazes within the radius. Built fluently by
 * {@link HerdPlanner}; positions are deterministic for a given random source.
 */
final class Track {

    record Key(Instant at, double lat, double lon, double radiusKm) {
    }

    private final List<Key> keys = new ArrayList<>();
    private final double speedKmh;

    Track(Instant start, double lat, double lon, double radiusKm, double speedKmh) {
        keys.add(new Key(start, lat, lon, radiusKm));
        this.speedKmh = speedKmh;
    }

    Key last() {
        return keys.get(keys.size() - 1);
    }

    /** Stay (grazing) at the current place until {@code until}. */
    Track stayUntil(Instant until, double radiusKm) {
        Key k = last();
        if (until.isAfter(k.at())) {
            keys.add(new Key(until, k.lat(), k.lon(), radiusKm));
        }
        return this;
    }

    Track stayFor(Duration d, double radiusKm) {
        return stayUntil(last().at().plus(d), radiusKm);
    }

    /** Walk straight to (lat, lon) at the track's speed. */
    Track walkTo(double lat, double lon, double radiusKm) {
        Key k = last();
        double km = Dataset.distanceKm(k.lat(), k.lon(), lat, lon);
        long minutes = Math.max(1, Math.round(km / speedKmh * 60));
        keys.add(new Key(k.at().plus(Duration.ofMinutes(minutes)), lat, lon, radiusKm));
        return this;
    }

    /** Position at {@code t}: on a walk, interpolated (with ~100 m wander); at rest, within the grazing radius. */
    double[] at(Instant t, Random rnd) {
        Key prev = keys.get(0);
        for (Key k : keys) {
            if (!t.isAfter(k.at())) {
                if (k == prev) {
                    return wander(k.lat(), k.lon(), k.radiusKm(), rnd);
                }
                double f = (t.getEpochSecond() - prev.at().getEpochSecond())
                        / (double) Math.max(1, k.at().getEpochSecond() - prev.at().getEpochSecond());
                boolean resting = prev.lat() == k.lat() && prev.lon() == k.lon();
                double lat = prev.lat() + (k.lat() - prev.lat()) * f;
                double lon = prev.lon() + (k.lon() - prev.lon()) * f;
                return wander(lat, lon, resting ? k.radiusKm() : 0.1, rnd);
            }
            prev = k;
        }
        Key end = last();
        return wander(end.lat(), end.lon(), end.radiusKm(), rnd);
    }

    private static double[] wander(double lat, double lon, double radiusKm, Random rnd) {
        double r = radiusKm * Math.sqrt(rnd.nextDouble());
        double a = rnd.nextDouble() * 2 * Math.PI;
        return Dataset.offset(lat, lon, r * Math.cos(a), r * Math.sin(a));
    }
}
