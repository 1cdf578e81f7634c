package org.bourtol.launcher.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

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
     * baselines), then every path at saturation {@code rounds} times, the paths taking turns (baseline, path, …,
     * baseline, path, …: on a shared machine the speed of everything moves within a minute, and a path measured in
     * another minute than its baseline is compared with another machine; a round in which the JIT compiled for a tenth
     * of a run or more is run again, up to {@code rounds} extra rounds, and such rounds count only when none was quiet),
     * then every path paced at half the slowest saturation throughput (the same rate for the baseline and the measured
     * paths, so their latencies compare at a load all of them carry). Each saturation run's CPU per message is measured
     * with {@code cpu} ({@link ThreadCpu#NONE}: not measured).
     */
    static Hop measure(String name, int n, int rounds, List<Path> paths, List<String> notes, Jit jit, ThreadCpu cpu) throws Exception {
        int warm = warmUp(n);
        Jit.Settling settling = jit.start();
        int warmRounds = 0;
        do {
            for (Path p : paths) {
                p.run(warm, 0);
            }
            warmRounds++;
        } while (!settling.settledAfterRound() && !settling.overTime());
        List<String> all = new ArrayList<>(notes);
        all.add("every path first ran " + warm + " messages at saturation " + warmRounds + (warmRounds == 1 ? " time" : " times")
                + ", not measured (warm-up; " + settling.describe() + ")");
        if (rounds > 1) {
            all.add("saturation: " + rounds + " rounds of every path in turn; a path's figures are its median round's, its"
                    + " ratio the median of its rounds' ratios to the baseline's run of the same round");
        }
        List<List<Figures>> saturation = new ArrayList<>();
        List<List<Figures>> disturbed = new ArrayList<>();
        paths.forEach(p -> {
            saturation.add(new ArrayList<>());
            disturbed.add(new ArrayList<>());
        });
        List<Double> disturbedShares = new ArrayList<>();
        int wanted = Math.max(1, rounds);
        // a round in which the JIT compiled for a tenth of a run or more is run again, up to as many extra rounds as wanted
        for (int r = 0; r < 2 * wanted && saturation.get(0).size() < wanted; r++) {
            List<Figures> round = new ArrayList<>();
            double share = 0;
            for (Path p : paths) {
                Jit.Mark mark = jit.mark();
                ThreadCpu.Mark used = cpu.mark();
                Figures f = p.run(n, 0);
                round.add(f.withCpu(used.microsPerByThread(f.arrived())).withKernel(used.kernelPer(f.arrived())));
                double s = mark.share();
                share = Double.isNaN(s) ? share : Math.max(share, s);
            }
            boolean settled = Jit.settled(share);
            if (!settled) {
                disturbedShares.add(share);
            }
            for (int i = 0; i < paths.size(); i++) {
                (settled ? saturation : disturbed).get(i).add(round.get(i));
            }
        }
        if (saturation.get(0).isEmpty()) {
            // the JIT never settled: every round counts, and the note says so
            for (int i = 0; i < paths.size(); i++) {
                saturation.get(i).addAll(disturbed.get(i));
                disturbed.get(i).clear();
            }
            all.add("saturation: the JIT compiled for a tenth of a run or more in every round; all " + disturbedShares.size()
                    + " rounds count, their figures include compilation");
        } else if (!disturbedShares.isEmpty()) {
            all.add("saturation: " + disturbedShares.size() + (disturbedShares.size() == 1 ? " round" : " rounds")
                    + " run again, not counted: the JIT compiled for " + percents(disturbedShares)
                    + " of a run in it (counted rounds: less than " + Math.round(100 * Jit.SETTLED_SHARE) + " % in each run)");
        }
        if (!Double.isNaN(saturation.get(0).get(0).cpuMicros())) {
            all.add("CPU per message: CPU time of this process's Java threads during a saturation run (the embedded Bourtol, its"
                    + " brokers and the bench's Streams baselines; not the senders and readers a run opens and closes, nor the JIT's"
                    + " and the garbage collector's threads) over the messages"
                    + " arrived, and the share of the cores those threads kept busy (busy); the CPU ratio is the median of the"
                    + " rounds' ratios; where paths are held back by the cores alone, their throughput ratio is about its inverse");
        }
        double rate = 0.5 * saturation.stream().mapToDouble(s -> median(s).perSecond()).filter(v -> v > 0).min().orElse(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            rows.add(new Row(median(saturation.get(i)), rate > 0 ? paths.get(i).run(n, rate) : null, saturation.get(i), disturbed.get(i)));
        }
        return new Hop(name, rows, all);
    }

    private static String percents(List<Double> shares) {
        StringBuilder b = new StringBuilder();
        for (double s : shares) {
            b.append(b.length() == 0 ? "" : ", ").append(Math.round(100 * s)).append(" %");
        }
        return b.toString();
    }

    /** The run of median throughput (of an even number, the slower of the middle two). */
    static Figures median(List<Figures> runs) {
        List<Figures> sorted = runs.stream().sorted(Comparator.comparingDouble(Figures::perSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The median of {@code values} (of an even number, the mean of the middle two). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The warm-up run of each path: a quarter of the measured runs' messages, at least one. */
    static int warmUp(int n) {
        return Math.max(1, n / 4);
    }

    /**
     * One path of the hop: saturation and paced figures (either may be null: a path without that run), every counted
     * saturation round in the order run ({@code saturation} is the median one), and the rounds run again because the JIT
     * compiled during them ({@code disturbed}, not counted).
     */
    public record Row(Figures saturation, Figures paced, List<Figures> rounds, List<Figures> disturbed) {

        /** A path run at saturation once. */
        public Row(Figures saturation, Figures paced) {
            this(saturation, paced, saturation == null ? List.of() : List.of(saturation), List.of());
        }

        public Row {
            rounds = List.copyOf(rounds);
            disturbed = List.copyOf(disturbed);
        }

        String path() {
            return saturation != null ? saturation.path() : paced.path();
        }
    }

    public Hop {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /**
     * Throughput of row {@code i} over the baseline's, at saturation: the median of the rounds' ratios (each round's
     * run over the baseline's run of the same round), or the one run's.
     */
    public double throughputRatio(int i) {
        double[] r = roundRatios(i);
        return r.length == 0 ? 0 : median(r);
    }

    /** Throughput of row {@code i} over the baseline's in each saturation round, in the order run. */
    public double[] roundRatios(int i) {
        return roundRatios(i, Figures::perSecond);
    }

    /**
     * CPU per message of row {@code i} over the baseline's, at saturation: the median of the rounds' ratios; NaN when not
     * measured.
     */
    public double cpuRatio(int i) {
        double[] r = roundCpuRatios(i);
        return r.length == 0 ? Double.NaN : median(r);
    }

    /** CPU per message of row {@code i} over the baseline's in each saturation round; empty when not measured. */
    public double[] roundCpuRatios(int i) {
        double[] ratios = roundRatios(i, Figures::cpuMicros);
        return Arrays.stream(ratios).anyMatch(Double::isNaN) ? new double[0] : ratios;
    }

    /** {@code figure} of row {@code i} over the baseline's in each saturation round; empty when the rounds do not pair. */
    private double[] roundRatios(int i, ToDoubleFunction<Figures> figure) {
        List<Figures> r = rows.get(i).rounds();
        List<Figures> b = rows.get(0).rounds();
        if (r.isEmpty() || r.size() != b.size()) {
            return new double[0];
        }
        double[] ratios = new double[r.size()];
        for (int k = 0; k < ratios.length; k++) {
            ratios[k] = Figures.ratio(figure.applyAsDouble(r.get(k)), figure.applyAsDouble(b.get(k)));
        }
        return ratios;
    }

    /** p99 latency of row {@code i} over the baseline's, both paced. */
    public double p99Ratio(int i) {
        Row r = rows.get(i);
        Row b = rows.get(0);
        return r.paced() == null || b.paced() == null ? 0 : Figures.ratio(r.paced().p99(), b.paced().p99());
    }

    String table() {
        return table(0);
    }

    /**
     * The hop's table, ratios and notes; with {@code cpuThreads} above 0 and CPU measured, each path's median saturation
     * run's CPU per message split by thread: the {@code cpuThreads} threads that used most, then the rest.
     */
    String table(int cpuThreads) {
        StringBuilder b = new StringBuilder(name).append('\n');
        boolean cpu = rows.stream().anyMatch(r -> r.saturation() != null && !Double.isNaN(r.saturation().cpuMicros()));
        b.append(String.format(Locale.ROOT, "  %-44s %13s %9s %9s %9s %9s", "path (run)", "arrived/sent", "msg/s", "p50 ms", "p99 ms", "max ms"))
                .append(cpu ? String.format(Locale.ROOT, " %9s %6s", "cpu us/msg", "busy") : "").append('\n');
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
            double[] rounds = roundRatios(i);
            String throughput = throughputRatio(i) == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", throughputRatio(i));
            if (rounds.length > 1) {
                throughput += " (median of rounds " + joined(rounds) + ")";
            }
            b.append(String.format(Locale.ROOT, "  ratio %s / %s: throughput %s, p99 below saturation %.2fx",
                    rows.get(i).path(), rows.get(0).path(), throughput, p99Ratio(i)));
            double[] cpuRounds = roundCpuRatios(i);
            if (cpuRounds.length > 0) {
                b.append(String.format(Locale.ROOT, ", CPU per message %.2fx", median(cpuRounds)));
                if (cpuRounds.length > 1) {
                    b.append(" (median of rounds ").append(joined(cpuRounds)).append(')');
                }
            }
            b.append('\n');
        }
        if (cpuThreads > 0 && cpu) {
            b.append("  CPU per message by thread, us (median saturation run):\n");
            for (Row r : rows) {
                if (r.saturation() != null && !r.saturation().cpuByThread().isEmpty()) {
                    b.append("    ").append(r.path()).append(": ").append(threads(r.saturation().cpuByThread(), cpuThreads));
                    ThreadCpu.Kernel k = r.saturation().kernel();
                    if (k.measured()) {
                        b.append(String.format(Locale.ROOT, "; all threads, JIT and GC too (kernel): on a core %.1f, waiting for one %.1f",
                                k.runMicros(), k.waitMicros()));
                    }
                    b.append('\n');
                }
            }
        }
        notes.forEach(n -> b.append("  note: ").append(n).append('\n'));
        return b.toString();
    }

    /** The first {@code top} threads' figures, then the rest's sum: {@code a 6.1, b 2.0, others 1.5}. */
    private static String threads(Map<String, Double> byThread, int top) {
        StringBuilder b = new StringBuilder();
        double others = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : byThread.entrySet()) {
            if (i++ < top) {
                b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()));
            } else {
                others += e.getValue();
            }
        }
        return others > 0 ? b + String.format(Locale.ROOT, ", others %.1f", others) : b.toString();
    }

    /** Ratios as {@code 0.70x / 0.65x}. */
    private static String joined(double[] ratios) {
        StringBuilder each = new StringBuilder();
        for (double r : ratios) {
            each.append(each.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2fx", r));
        }
        return each.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hop", name);
        List<Object> paths = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("baseline", i == 0);
            p.put("saturation", rows.get(i).saturation() == null ? null : rows.get(i).saturation().json());
            p.put("saturationRounds", rows.get(i).rounds().stream().map(Figures::json).toList());
            p.put("roundsNotCounted", rows.get(i).disturbed().stream().map(Figures::json).toList());
            p.put("paced", rows.get(i).paced() == null ? null : rows.get(i).paced().json());
            if (i > 0) {
                p.put("throughputRatio", Math.round(throughputRatio(i) * 1000) / 1000.0);
                p.put("roundRatios", Arrays.stream(roundRatios(i)).map(r -> Math.round(r * 1000) / 1000.0).boxed().toList());
                p.put("p99Ratio", Math.round(p99Ratio(i) * 1000) / 1000.0);
                double[] cpuRounds = roundCpuRatios(i);
                if (cpuRounds.length > 0) {
                    p.put("cpuRatio", Math.round(median(cpuRounds) * 1000) / 1000.0);
                    p.put("roundCpuRatios", Arrays.stream(cpuRounds).map(r -> Math.round(r * 1000) / 1000.0).boxed().toList());
                }
            }
            paths.add(p);
        }
        m.put("paths", paths);
        m.put("notes", notes);
        return m;
    }
}
