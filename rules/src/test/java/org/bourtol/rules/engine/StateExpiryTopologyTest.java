package org.bourtol.rules.engine;

import static org.bourtol.rules.Fixtures.herd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.dataset.DefaultDataset;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Herd-keyed state expires after {@code rules.stateExpiry} of silence (default 30 days), through the production
 * topology with the default rules: after a month without news of 300 herds their timelines and pending inputs are
 * gone at the next sweep, a herd heard from in the meantime keeps its state, when a sweep is due, and the sweep
 * decision itself.
 */
class StateExpiryTopologyTest {

    private static final Instant T0 = Instant.parse("2026-01-10T06:00:00Z");

    @AutoClose
    private final TopologyHarness h = new TopologyHarness(Duration.ofHours(1));

    @Test
    void theStateOfHerdsSilentForThirtyDaysIsDroppedAtTheNextSweepAndAHerdStillReportingKeepsIt() {
        assertEquals(Duration.ofDays(30), h.env.stateExpiry(), "the default silence");
        DefaultDataset.rules().forEach(h::rule);
        for (int i = 0; i < 300; i++) {
            h.observe(herd("old-" + i, 14.95 + (i % 10) * 0.001, -3.89, 40, T0.plusSeconds(i)));
        }
        h.observe(herd("steady", 14.95, -3.89, 40, T0));
        assertTrue(keys("|old-").size() >= 300, "every herd has state: " + keys("|old-").size());
        h.driver.advanceWallClockTime(StateExpiry.SWEEP);
        assertTrue(keys("|old-").size() >= 300, "nothing is silent for 30 days yet");

        h.observe(herd("steady", 14.95, -3.89, 40, T0.plus(Duration.ofDays(20))));
        h.observe(herd("steady", 14.95, -3.89, 40, T0.plus(Duration.ofDays(31))));
        h.driver.advanceWallClockTime(StateExpiry.SWEEP);
        assertEquals(List.of(), keys("|old-"), "silent herds forgotten");
        assertFalse(keys("|steady").isEmpty(), "a herd still reporting keeps its state");
        assertEquals(List.of(), pendingKeys("old-"), "and their pending inputs went with them");
        assertFalse(pendingKeys("steady").isEmpty(), "a herd still reporting keeps its inputs inside the grace period");
    }

    @Test
    void aTimelineExpiresOnlyWhenSilentLongerThanTheExpiryAndNotFiring() {
        Timeline quiet = new Timeline(null, null, null, Instant.EPOCH, T0, "o1", 0, false, null, null);
        Duration month = Duration.ofDays(30);
        assertFalse(StateExpiry.expired(quiet, T0.plus(month), month), "exactly the expiry: kept");
        assertTrue(StateExpiry.expired(quiet, T0.plus(month).plusSeconds(1), month));
        assertFalse(StateExpiry.expired(quiet.told(new Signaller.Emitted(true, "konna", "f", null)), T0.plus(Duration.ofDays(365)), month),
                "a firing rule keeps its state until it clears");
        assertFalse(StateExpiry.expired(Timeline.empty(), T0.plus(Duration.ofDays(365)), month), "no input yet: nothing to forget");
    }

    @Test
    void aSweepIsDueFirstThenOnceEventTimeMovedOnByATenthOfTheSilence() {
        Duration month = Duration.ofDays(30);
        assertTrue(StateExpiry.due(Instant.EPOCH, T0, month), "the first sweep");
        assertFalse(StateExpiry.due(Instant.EPOCH, Instant.EPOCH, month), "no input seen yet");
        assertFalse(StateExpiry.due(T0, T0.plus(Duration.ofDays(3)).minusSeconds(1), month), "within a tenth of the silence");
        assertTrue(StateExpiry.due(T0, T0.plus(Duration.ofDays(3)), month));
        assertFalse(StateExpiry.due(T0, T0.minusSeconds(60), month), "event time does not go back");
    }

    /** Keys containing {@code part} in every family's state store. */
    private List<String> keys(String part) {
        return matching("-state", part);
    }

    private List<String> pendingKeys(String part) {
        return matching("-inputs", part);
    }

    @SuppressWarnings("unchecked")
    private List<String> matching(String suffix, String part) {
        List<String> out = new ArrayList<>();
        for (var e : h.driver.getAllStateStores().entrySet()) {
            StateStore s = e.getValue();
            if (e.getKey().endsWith(suffix) && s instanceof KeyValueStore<?, ?> kv) {
                try (KeyValueIterator<Object, Object> it = ((KeyValueStore<Object, Object>) kv).all()) {
                    while (it.hasNext()) {
                        KeyValue<Object, Object> entry = it.next();
                        if (String.valueOf(entry.key).contains(part)) {
                            out.add(String.valueOf(entry.key));
                        }
                    }
                }
            }
        }
        return out;
    }
}
