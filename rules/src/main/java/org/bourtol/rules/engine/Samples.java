package org.bourtol.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A timestamped number kept in a sliding window (gauge levels, rain amounts, head counts). */
public record Samples(List<Sample> items) {

    /** One observation's value; {@code key} identifies a source (herd) when only its latest value counts. */
    public record Sample(String id, String key, Instant at, double value) {
    }

    public static final Samples EMPTY = new Samples(List.of());

    public Samples {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** Adds {@code s} (replacing an earlier sample of the same key when {@code latestPerKey}) and drops samples older than {@code now − window}. */
    public Samples add(Sample s, Instant now, Duration window, boolean latestPerKey) {
        List<Sample> out = new ArrayList<>();
        Instant from = now.minus(window);
        for (Sample x : items) {
            boolean sameKey = latestPerKey && x.key() != null && x.key().equals(s.key());
            if (!x.at().isBefore(from) && !x.id().equals(s.id()) && !sameKey) {
                out.add(x);
            }
        }
        out.add(s);
        return new Samples(out);
    }

    public double sum() {
        return items.stream().mapToDouble(Sample::value).sum();
    }

    public Sample min() {
        return items.stream().min(java.util.Comparator.comparingDouble(Sample::value)).orElse(null);
    }
}
