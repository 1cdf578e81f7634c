package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.directory.RuleDocument;

/**
 * Reads typed rule parameters and collects every problem in words a DRR officer understands. It records
 * the name of every parameter the family reads, so {@link #check()} also refuses a parameter the family
 * does not know (a typo such as {@code hysterisisCm} would otherwise silently leave the default in force).
 */
public final class ParamReader {

    private final RuleDocument doc;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> read = new LinkedHashSet<>();

    public ParamReader(RuleDocument doc) {
        this.doc = doc;
    }

    public RuleDocument doc() {
        return doc;
    }

    public JsonNode node(String name) {
        read.add(name);
        return doc.params().get(name);
    }

    public boolean has(String name) {
        read.add(name);
        return doc.params().hasNonNull(name);
    }

    /** A number parameter in [min, max]; {@code fallback} when absent (null = required). */
    public double number(String name, Double fallback, double min, double max) {
        JsonNode n = node(name);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                problems.add("parameter '" + name + "' is required");
                return min;
            }
            return fallback;
        }
        if (!n.isNumber()) {
            problems.add("parameter '" + name + "' must be a number, got " + n);
            return fallback == null ? min : fallback;
        }
        double v = n.asDouble();
        if (v < min || v > max) {
            problems.add("parameter '" + name + "' (" + fmt(v) + ") must be between " + fmt(min) + " and " + fmt(max));
        }
        return v;
    }

    public int integer(String name, Integer fallback, int min, int max) {
        JsonNode n = node(name);
        if (n != null && n.isNumber() && !n.canConvertToInt()) {
            problems.add("parameter '" + name + "' must be a whole number, got " + n);
        } else if (n != null && n.isNumber() && n.asDouble() != Math.rint(n.asDouble())) {
            problems.add("parameter '" + name + "' must be a whole number, got " + n);
        }
        return (int) number(name, fallback == null ? null : fallback.doubleValue(), min, max);
    }

    public String text(String name, String fallback) {
        JsonNode n = node(name);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                problems.add("parameter '" + name + "' is required");
            }
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problems.add("parameter '" + name + "' must be a non-empty text, got " + n);
            return fallback;
        }
        return n.asText();
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode n = node(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            problems.add("parameter '" + name + "' must be true or false, got " + n);
            return fallback;
        }
        return n.asBoolean();
    }

    public void problem(String problem) {
        problems.add(problem);
    }

    public void requireZones() {
        if (doc.zones().isEmpty()) {
            problems.add("the rule must name at least one zone or station in 'zones'");
        }
    }

    /**
     * Throws {@link RuleProblems} when anything was wrong, including parameters the family did not read
     * ({@link RuleProblems#unknownParams()}). Call it after reading every parameter.
     */
    public void check() {
        List<String> unknown = new ArrayList<>();
        doc.params().fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                unknown.add(name);
            }
        });
        List<String> all = new ArrayList<>(problems);
        unknown.forEach(name -> all.add("unknown parameter '" + name + "' (known: "
                + (read.isEmpty() ? "none" : String.join(", ", read)) + ")"));
        if (!all.isEmpty()) {
            throw new RuleProblems(all, unknown, !problems.isEmpty());
        }
    }

    public static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
