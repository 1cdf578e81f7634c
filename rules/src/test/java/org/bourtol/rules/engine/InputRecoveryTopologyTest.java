package org.bourtol.rules.engine;

import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.bourtol.contracts.topic.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.Families;
import org.bourtol.rules.TopologyHarness;
import org.junit.jupiter.api.Test;

/**
 * The station-keyed input store has no changelog: an input still held an hour after it was taken is logged in
 * {@code station-aged}'s changelog (and only there), a tombstone when it is dropped, and {@code station-from} notes the offset of the observations topic from which a restarted task
 * reads the others again. (The read itself needs a broker: {@code RulesComponentIT}.)
 */
class InputRecoveryTopologyTest {

    private static final Instant DAY = Instant.parse("2024-08-11T06:00:00Z");
    private static final String GAUGE = "{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],"
            + "'params':{'warningCm':530,'alertCm':580,'dangerCm':620}}";

    @Test
    void inputsDroppedWithinTheHourAreNeverLoggedAndTheNotedOffsetFollowsTheOldestUnloggedOne() {
        try (TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(2), GAUGE)) {
            h.publish();
            // one reading every 30 minutes: each is dropped once the 2 h grace period has passed it
            for (int i = 0; i < 12; i++) {
                h.observe(gauge("niamey", 400, DAY.plus(Duration.ofMinutes(30L * i))));
            }
            assertEquals(Map.of(), logged(h, new TreeMap<>()), "nothing logged: every reading was taken less than an hour ago");
            List<Observation> held = held(h);
            assertEquals(5, held.size(), "the readings inside the grace period: " + held);
            // offsets 0..11 (the first observation record is the first of the topic); the oldest held is the 8th
            assertEquals(7L, from(h), "the partition holds every held input from the oldest one's offset");
        }
    }

    @Test
    void anInputStillHeldAnHourAfterItWasTakenIsLoggedAndUnloggedWhenDropped() {
        try (TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6), GAUGE)) {
            h.publish();
            Map<String, Observation> logged = new TreeMap<>();
            h.observe(gauge("niamey", 545, DAY), gauge("niamey", 560, DAY.plus(Duration.ofHours(1))));
            assertEquals(Map.of(), logged(h, logged));
            assertEquals(0L, from(h));

            h.driver.advanceWallClockTime(InputRecovery.MAX_UNLOGGED_AGE.plusSeconds(10));
            assertEquals(held(h), List.copyOf(logged(h, logged).values()), "both readings logged after an hour (a station that reports rarely)");
            assertEquals(2L, from(h), "every held input before the next record is logged");
            assertEquals(0, h.driver.getKeyValueStore(Families.STATION_INPUTS + "-aged").approximateNumEntries(),
                    "logged, not held twice");

            // seven hours later the first two readings are outside the grace period: dropped, and tombstones logged
            h.observe(gauge("niamey", 500, DAY.plus(Duration.ofHours(8))));
            assertEquals(Map.of(), logged(h, logged), "the dropped readings leave the changelog too");
            assertEquals(1, held(h).size());
            assertEquals(2L, from(h), "the new reading is read again from the partition");
        }
    }

    /** {@code logged} updated with the records of the aged inputs' changelog since the last call (tombstones remove). */
    private static Map<String, Observation> logged(TopologyHarness h, Map<String, Observation> logged) {
        TestOutputTopic<String, Observation> changelog = h.driver.createOutputTopic("rules-test-" + Families.STATION_INPUTS + "-aged-changelog",
                new StringDeserializer(), Topics.OBSERVATIONS.valueSerde().deserializer());
        for (KeyValue<String, Observation> kv : changelog.readKeyValuesToList()) {
            if (kv.value == null) {
                logged.remove(kv.key);
            } else {
                logged.put(kv.key, kv.value);
            }
        }
        return logged;
    }

    private static Long from(TopologyHarness h) {
        KeyValueStore<String, Long> from = h.driver.getKeyValueStore(Families.STATION_INPUTS + "-from");
        Long x = from.get("from");
        assertNull(x == null ? "no offset noted" : null);
        return x;
    }

    private static List<Observation> held(TopologyHarness h) {
        return values(h.driver.getKeyValueStore(Families.STATION_INPUTS + "-inputs"));
    }

    private static List<Observation> values(KeyValueStore<String, Observation> store) {
        List<Observation> out = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }
}
