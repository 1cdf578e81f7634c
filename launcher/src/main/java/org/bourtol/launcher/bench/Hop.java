package org.bourtol.launcher.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One hop of the pipeline: its paths, each measured at saturation (throughput) and paced at half the baseline's
 * saturation throughput (latency). The first path is the baseline the others are divided by.
 */
public record Hop(String name, List<Row> rows, List<String> notes) {

    /** A path that can be run {@code n} messages at a time, at saturation ({@code rate} 0) or paced. */
    public interface Path {
        Figures run(int n, double rate) throws Exception;
    }

    /**
     * Runs every path with {@link #warmUp} messages, not measured, in rounds until the JIT has settled ({@link Jit}: the
     * first runs of a path also pay for compiling its code, and in a process that hosts a broker, Streams and an MQTT
     * broker on two cores the compiler threads took half the CPU of a run: measured, that favoured the simple
     * baselines), then every path at saturation, then every path paced at half the slowest saturation throughput (the
     * same rate for the baseline and the measured paths, so their latencies compare at a load all of them carry).
     */
    static Hop measure(String name, int n, List<Path> paths, List<String> notes, Jit jit) throws Exception {
        int warm = warmUp(n);
        Jit.Settling settling = jit.start();
        int rounds = 0;
        do {
            for (Path p : paths) {
                p.run(warm, 0);
            }
            rounds++;
        } while (!settling.settledAfterRound() && !settling.overTime());
        List<String> all = new ArrayList<>(notes);
        all.add("every path first ran " + warm + " messages at saturation " + rounds + (rounds == 1 ? " time" : " times")
                + ", not measured (warm-up; " + settling.describe() + ")");
        notes = all;
        List<Figures> saturation = new ArrayList<>();
        for (Path p : paths) {
            saturation.add(p.run(n, 0));
        }
        double rate = 0.5 * saturation.stream().mapToDouble(Figures::perSecond).filter(v -> v > 0).min().orElse(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            rows.add(new Row(saturation.get(i), rate > 0 ? paths.get(i).run(n, rate) : null));
        }
        return new Hop(name, rows, notes);
    }

    /** The warm-up run of each path: a quarter of the measured runs' messages, at least one. */
    static int warmUp(int n) {
        return Math.max(1, n / 4);
    }

    /** One path of the hop: saturation and paced figures (either may be null: a path without that run). */
    public record Row(Figures saturation, Figures paced) {
        String path() {
            return saturation != null ? saturation.path() : paced.path();
        }
    }

    public Hop {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** Throughput of row {@code i} over the baseline's, at saturation. */
    public double throughputRatio(int i) {
        Row r = rows.get(i);
        Row b = rows.get(0);
        return r.saturation() == null || b.saturation() == null ? 0 : Figures.ratio(r.saturation().perSecond(), b.saturation().perSecond());
    }

    /** p99 latency of row {@code i} over the baseline's, both paced. */
    public double p99Ratio(int i) {
        Row r = rows.get(i);
        Row b = rows.get(0);
        return r.paced() == null || b.paced() == null ? 0 : Figures.ratio(r.paced().p99(), b.paced().p99());
    }

    String table() {
        StringBuilder b = new StringBuilder(name).append('\n');
        b.append(String.format(Locale.ROOT, "  %-44s %13s %9s %9s %9s %9s%n", "path (run)", "arrived/sent", "msg/s", "p50 ms", "p99 ms", "max ms"));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String role = i == 0 ? " [baseline]" : "";
            if (r.saturation() != null) {
                b.append(r.saturation().row(r.path() + role + " (saturation)")).append('\n');
            }
            if (r.paced() != null) {
                String pace = r.paced().rate() > 0 ? String.format(Locale.ROOT, " (paced %.0f/s)", r.paced().rate()) : " (one at a time)";
                b.append(r.paced().row(r.path() + role + pace)).append('\n');
            }
        }
        for (int i = 1; i < rows.size(); i++) {
            String throughput = throughputRatio(i) == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", throughputRatio(i));
            b.append(String.format(Locale.ROOT, "  ratio %s / %s: throughput %s, p99 below saturation %.2fx%n",
                    rows.get(i).path(), rows.get(0).path(), throughput, p99Ratio(i)));
        }
        notes.forEach(n -> b.append("  note: ").append(n).append('\n'));
        return b.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hop", name);
        List<Object> paths = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("baseline", i == 0);
            p.put("saturation", rows.get(i).saturation() == null ? null : rows.get(i).saturation().json());
            p.put("paced", rows.get(i).paced() == null ? null : rows.get(i).paced().json());
            if (i > 0) {
                p.put("throughputRatio", Math.round(throughputRatio(i) * 1000) / 1000.0);
                p.put("p99Ratio", Math.round(p99Ratio(i) * 1000) / 1000.0);
            }
            paths.add(p);
        }
        m.put("paths", paths);
        m.put("notes", notes);
        return m;
    }
}
