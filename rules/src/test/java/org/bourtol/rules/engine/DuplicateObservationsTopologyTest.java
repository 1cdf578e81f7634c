package org.bourtol.rules.engine;

import static org.bourtol.rules.Fixtures.gauge;
import static org.bourtol.rules.Fixtures.rain;
import static org.bourtol.rules.Fixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.dataset.DefaultDataset;
import org.junit.jupiter.api.Test;

/**
 * An ingest instance killed between Kafka's acknowledgement and the record of the message id writes that
 * observation again after its restart (same observation id, docs/operations.md). Every rule must treat
 * the copy as the same report: the default rules fed every observation twice, and the last ones a third
 * time later (a batch sent again after the restart), raise exactly the alerts of the stream without copies.
 */
class DuplicateObservationsTopologyTest {

    private static final Instant T = Instant.parse("2020-08-02T06:00:00Z");

    private static List<Observation> stream() {
        List<Observation> o = new ArrayList<>();
        // heavy-rain at Niamey: 50 mm in 24 h; counted twice, the first two readings (40 mm) would already fire
        o.add(rain("niamey", 20, T));
        o.add(rain("niamey", 20, T.plus(Duration.ofHours(1))));
        // flood-reports (3 in 24 h) and delta-incidents (3 in 48 h, distinct reporters), from verified reporters
        o.add(report("niamey", ReportType.FLOOD, true, "r-a", T.plus(Duration.ofHours(1))));
        o.add(report("niamey", ReportType.FLOOD, true, "r-b", T.plus(Duration.ofHours(2))));
        o.add(report("konna", ReportType.TENSION, true, "r-a", T.plus(Duration.ofHours(1))));
        o.add(report("konna", ReportType.THEFT, true, "r-b", T.plus(Duration.ofHours(2))));
        // the Niamey gauge: yellow, orange, red
        for (int i = 0; i < 6; i++) {
            o.add(gauge("niamey", 500 + i * 30, T.plus(Duration.ofMinutes(15L * i))));
        }
        o.add(rain("niamey", 20, T.plus(Duration.ofHours(3))));
        o.add(report("niamey", ReportType.FLOOD, true, "r-c", T.plus(Duration.ofHours(3))));
        o.add(report("konna", ReportType.TENSION, true, "r-c", T.plus(Duration.ofHours(3))));
        return o;
    }

    @Test
    void everyDefaultRuleCountsAnObservationOnceWhateverItsCopies() {
        List<Observation> stream = stream();
        List<String> once;
        try (TopologyHarness h = harness()) {
            stream.forEach(h::observe);
            once = project(h.drain());
        }
        List<String> copies;
        try (TopologyHarness h = harness()) {
            for (Observation o : stream) {
                h.observe(o, o);
            }
            stream.subList(stream.size() - 4, stream.size()).forEach(h::observe);
            copies = project(h.drain());
        }
        for (String rule : List.of("heavy-rain", "flood-reports", "delta-incidents", "niamey-gauge-level")) {
            assertTrue(once.stream().anyMatch(e -> e.startsWith("RAISED " + rule + " ")), rule + " raised by the stream: " + once);
        }
        assertEquals(once, copies, "the same alert events, with or without copies of the observations");
    }

    private static TopologyHarness harness() {
        TopologyHarness h = new TopologyHarness(Duration.ofHours(6));
        DefaultDataset.rules().forEach(h::rule);
        return h;
    }

    /** What a recipient sees of an event: type, rule, zone, severity, onset and the observations it rests on. */
    private static List<String> project(List<AlertEvent> events) {
        return events.stream().map(e -> e.type() + " " + e.alert().rule() + " " + e.alert().zone() + " " + e.alert().severity()
                + " " + e.alert().raisedAt() + " " + e.alert().evidence().stream().map(Evidence::observationId).toList()).toList();
    }
}
