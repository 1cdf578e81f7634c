package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.gauge.GaugeLevelFamily;

/**
 * The level curve of one station a changed gauge-level rule watches, over the backtest period: the readings
 * replayed (in event-time order) and the rule's levels before and after the change, for the console's chart.
 *
 * @param currentLevels   {@code warningCm}/{@code alertCm}/{@code dangerCm} of the rule as it is (empty for a new rule)
 * @param candidateLevels the same in the candidate rule
 */
public record GaugeCurve(String rule, String station, Map<String, Integer> currentLevels, Map<String, Integer> candidateLevels,
        List<Point> readings) {

    static final List<String> LEVELS = List.of("warningCm", "alertCm", "dangerCm");

    /** One reading. */
    public record Point(Instant at, int cm) {
    }

    /** A curve per station of every changed gauge-level rule; the readings are read from the replayed inputs. */
    static List<GaugeCurve> of(Collection<String> changed, Map<String, RuleDocument> current, Map<String, RuleDocument> candidate,
                               List<Recorded> inputs) {
        List<RuleDocument> gauges = changed.stream().map(candidate::get)
                .filter(r -> r != null && GaugeLevelFamily.TYPE.equals(r.type()) && r.zones() != null).toList();
        if (gauges.isEmpty()) {
            return List.of();
        }
        Map<String, List<Point>> byStation = new LinkedHashMap<>();
        gauges.forEach(r -> r.zones().forEach(z -> byStation.put(z, new ArrayList<>())));
        Deserializer<Observation> reader = Topics.OBSERVATIONS.valueSerde().deserializer();
        for (Recorded r : inputs) {
            if (r.kind() == Recorded.Kind.OBSERVATION && r.eventTime() != null && byStation.containsKey(r.key())
                    && read(reader, r) instanceof GaugeReading g && byStation.containsKey(g.stationId())) {
                byStation.get(g.stationId()).add(new Point(g.observedAt(), g.levelCm()));
            }
        }
        byStation.values().forEach(l -> l.sort(java.util.Comparator.comparing(Point::at)));
        List<GaugeCurve> out = new ArrayList<>();
        for (RuleDocument r : gauges) {
            for (String station : r.zones()) {
                out.add(new GaugeCurve(r.id(), station, levels(current.get(r.id())), levels(r), List.copyOf(byStation.get(station))));
            }
        }
        return out;
    }

    private static Observation read(Deserializer<Observation> reader, Recorded r) {
        try {
            return reader.deserialize(Topics.OBSERVATIONS.name(), r.value());
        } catch (RuntimeException e) {
            return null; // a corrupt record: the replay skipped it too
        }
    }

    private static Map<String, Integer> levels(RuleDocument rule) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (rule != null && rule.params() != null) {
            LEVELS.forEach(k -> {
                if (rule.params().path(k).isNumber()) {
                    m.put(k, rule.params().get(k).asInt());
                }
            });
        }
        return m;
    }
}
