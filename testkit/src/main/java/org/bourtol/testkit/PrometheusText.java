package org.bourtol.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} (once per family, before its samples, a known type) or a sample
 * {@code name{label="value",…} value [timestamp]} whose name belongs to the declared family.
 * Anything else throws {@link IllegalArgumentException} with the line number. Use it to check that
 * {@code GET /metrics} parses and that a counter moved:
 *
 * <pre>{@code
 * double before = PrometheusText.parse(scrape()).value("bourtol_ingest_messages_total", Map.of("source", "sms")).orElse(0.0);
 * }</pre>
 */
public final class PrometheusText {

    /** One sample line: metric name (with its _total/_count/_sum/_bucket suffix), labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\"\\\\n])*)\"(,|$)");
    private static final Set<String> SUFFIXES = Set.of("", "_total", "_count", "_sum", "_bucket", "_created", "_max");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher t = TYPE.matcher(line);
                if (t.matches()) {
                    if (types.put(t.group(1), t.group(2)) != null) {
                        throw new IllegalArgumentException("line " + n + ": second TYPE for " + t.group(1));
                    }
                } else if (!HELP.matcher(line).matches()) {
                    throw new IllegalArgumentException("line " + n + ": malformed comment: " + line);
                }
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) {
                throw new IllegalArgumentException("line " + n + ": malformed sample: " + line);
            }
            String name = s.group(1);
            if (SUFFIXES.stream().noneMatch(suf -> name.endsWith(suf) && types.containsKey(name.substring(0, name.length() - suf.length())))) {
                throw new IllegalArgumentException("line " + n + ": sample " + name + " has no TYPE before it");
            }
            samples.add(new Sample(name, labels(s.group(3), n), value(s.group(4), n)));
        }
        return new PrometheusText(samples);
    }

    private static Map<String, String> labels(String body, int n) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("line " + n + ": malformed labels: {" + body + "}");
            }
            if (labels.put(m.group(1), m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\")) != null) {
                throw new IllegalArgumentException("line " + n + ": duplicate label " + m.group(1));
            }
            at = m.end();
        }
        return labels;
    }

    private static double value(String v, int n) {
        switch (v) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + n + ": bad value " + v);
                }
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the sample with this name whose labels include {@code labels}. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .map(Sample::value).findFirst();
    }

    /** True when some sample has this name (e.g. {@code bourtol_influx_lag_records}). */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
