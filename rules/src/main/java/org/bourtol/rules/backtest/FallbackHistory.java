package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.topic.Topics;

/**
 * Kafka's history, completed by {@link OlderInputs} where retention deleted part of the period: the observations
 * whose event time falls before the oldest retained record are read from the longer-kept store (those still in Kafka
 * are taken from Kafka, by observation id), and the result notes how many came from where.
 */
public final class FallbackHistory implements History {

    private final History kafka;
    private final OlderInputs older;

    public FallbackHistory(History kafka, OlderInputs older) {
        this.kafka = kafka;
        this.older = older;
    }

    @Override
    public Inputs inputs(Instant from, Instant to) {
        Inputs recent = kafka.inputs(from, to);
        Instant since = recent.retainedSince();
        if (since == null || !from.isBefore(since)) {
            return recent;
        }
        Instant until = to.isBefore(since) ? to : since;
        Set<String> inKafka = new HashSet<>();
        Deserializer<Observation> reader = Topics.OBSERVATIONS.valueSerde().deserializer();
        for (Recorded r : recent.records()) {
            if (r.kind() == Recorded.Kind.OBSERVATION && r.eventTime() != null && r.eventTime().isBefore(until)) {
                inKafka.add(reader.deserialize(Topics.OBSERVATIONS.name(), r.value()).id());
            }
        }
        List<Recorded> merged = new ArrayList<>();
        for (Recorded r : older.observations(from, until)) {
            if (!inKafka.contains(reader.deserialize(Topics.OBSERVATIONS.name(), r.value()).id())) {
                merged.add(r);
            }
        }
        int fromOlder = merged.size();
        merged.addAll(recent.records());
        merged.sort(Recorded.STORED_ORDER);
        List<String> notes = new ArrayList<>(recent.notes());
        notes.add(fromOlder + " observations between " + from + " and " + until + " (older than Kafka's retention) read from "
                + older.name() + "; their storage time is taken as their receipt time, acknowledgements of that part are not replayed");
        return new Inputs(merged, null, notes);
    }

    @Override
    public List<AlertEvent> alerts(Instant from, Instant to) {
        return kafka.alerts(from, to);
    }

    @Override
    public Map<String, Verdict> verdicts(Collection<String> alertIds) {
        return kafka.verdicts(alertIds);
    }

    @Override
    public List<org.bourtol.contracts.outcome.GroundTruth> groundTruth(Instant from, Instant to) {
        return kafka.groundTruth(from, to);
    }
}
