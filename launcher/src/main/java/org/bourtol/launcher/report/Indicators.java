package org.bourtol.launcher.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indicators of one (region, hazard) row while they are counted, and their final values in
 * {@link #COLUMNS} order. Distinct things (deliveries, focal points) are counted as sets, so the total
 * row counts an SMS grouping alerts of two rows once. Not thread-safe.
 */
final class Indicators {

    /** Every indicator, in the order of the JSON object, the CSV columns and the HTML table. */
    static final List<String> COLUMNS = List.of(
            "alertsRaised", "alertsMinor", "alertsModerate", "alertsSevere", "alertsExtreme",
            "smsSent", "smsDelivered", "smsFailed", "smsLocalSink",
            "alertsAcknowledged", "ackMedianMinutes", "ackP90Minutes", "ackAfterResolution", "unverifiedAcks",
            "escalations",
            "alertsWithAction", "actions", "firstActionMedianMinutes",
            "outcomeConfirmed", "outcomeFalseAlarm", "outcomeUnknown", "alertsWithoutOutcome", "falseAlarmViewsBySms",
            "violenceNone", "violenceInjuries", "violenceDeaths", "peopleMovedYes", "peopleMovedNo",
            "reportsSms", "reportsMqtt", "reportsApi", "focalPoints", "triaged", "rejected");

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Set<String>> distinct = new HashMap<>();
    final List<Double> ackMinutes = new ArrayList<>();
    final List<Double> actionMinutes = new ArrayList<>();

    void inc(String column) {
        counts.merge(checked(column), 1, Integer::sum);
    }

    /** Counts {@code id} in {@code column} once however often it comes (a delivery, a focal point). */
    void addDistinct(String column, String id) {
        distinct.computeIfAbsent(checked(column), c -> new HashSet<>()).add(id);
    }

    private static String checked(String column) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException("no indicator " + column);
        }
        return column;
    }

    /** The values, every column present (counts 0, times null when nothing was measured). */
    Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            v.put(c, counts.getOrDefault(c, 0));
        }
        distinct.forEach((column, ids) -> v.put(column, ids.size()));
        v.put("ackMedianMinutes", percentile(ackMinutes, 50));
        v.put("ackP90Minutes", percentile(ackMinutes, 90));
        v.put("firstActionMedianMinutes", percentile(actionMinutes, 50));
        return v;
    }

    /** The nearest-rank percentile, rounded to a tenth of a minute; null for no values. */
    static Double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Math.round(sorted.get(Math.max(0, rank - 1)) * 10) / 10.0;
    }
}
