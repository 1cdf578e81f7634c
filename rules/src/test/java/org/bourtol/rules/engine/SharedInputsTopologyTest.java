package org.bourtol.rules.engine;

import static org.bourtol.rules.Fixtures.gauge;
import static org.bourtol.rules.Fixtures.herd;
import static org.bourtol.rules.Fixtures.rain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.rules.Families;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.corridor.CorridorFamily;
import org.bourtol.rules.passage.PassageFamily;
import org.bourtol.rules.protectedzone.ProtectedZoneFamily;
import org.junit.jupiter.api.Test;

/**
 * The herd-keyed families keep each position once per herd in {@code herd-inputs}, evaluated by one processor: a
 * position stays while some timeline of its herd may replay it and goes once every one has folded it, and late
 * positions give each family what in-order data gives, although the families read one copy.
 */
class SharedInputsTopologyTest {

    private static final Instant DEC = Instant.parse("2020-12-01T08:00:00Z");
    /** In the Konna rice fields (protected until 15 January). */
    private static final double FARM_LAT = 14.9036;
    private static final double FARM_LON = -3.8589;
    /** Beside the Diafarabé crossing corridor, outside its buffer. */
    private static final double OFF_LAT = 14.16;
    private static final double OFF_LON = -4.95;
    /** On that corridor. */
    private static final double ON_LON = -5.01;
    private static final String PROTECTION = "{'id':'farmland-protection','type':'herd-in-protected-zone','enabled':true,"
            + "'zones':['farm-konna-rice'],'params':{'severeAtHead':100,'extremeAtHead':5000,'consecutiveReports':2}}";
    private static final String CORRIDOR = "{'id':'corridor-deviation','type':'corridor-deviation','enabled':true,"
            + "'zones':['corridor-diafarabe-crossing'],'params':{'consecutiveReports':3,'minutes':600}}";

    @Test
    void theThreeHerdFamiliesShareOneInputStoreAndOneEvaluator() {
        assertEquals(List.of(ProtectedZoneFamily.TYPE, CorridorFamily.TYPE, PassageFamily.TYPE),
                FamilyTopology.groups(Families.onObservations(new RulesEnv(Duration.ofHours(1), 0.5))).stream()
                        .filter(g -> g.get(0).inputs().equals(Families.HERD_INPUTS)).findFirst().orElseThrow()
                        .stream().map(Family::type).toList());
    }

    @Test
    void aPositionIsKeptOnceForEveryFamilyOfItsHerdAndDroppedOnceEveryTimelineFoldedIt() {
        try (TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(1), PROTECTION, CORRIDOR,
                "{'id':'passage','type':'early-late-passage','enabled':true,'zones':['corridor-diafarabe-crossing']}")) {
            h.publish();
            for (int i = 0; i <= 12; i++) {
                h.observe(herd("walker", OFF_LAT, OFF_LON, 80, DEC.plusSeconds(900L * i)));
            }
            Instant newest = DEC.plusSeconds(900L * 12);
            List<Instant> kept = inputs(h, "walker").stream().map(Observation::observedAt).toList();
            assertEquals(List.of(newest.minusSeconds(3600), newest.minusSeconds(2700), newest.minusSeconds(1800), newest.minusSeconds(900),
                    newest), kept, "the positions inside the grace period, once each, for three families");
            assertEquals(3, timelines(h, "walker"), "one timeline per rule");
            assertTrue(h.driver.getAllStateStores().keySet().stream().noneMatch(s -> s.endsWith("-pending")), "no per-family copies");
        }
    }

    @Test
    void latePositionsGiveEveryFamilyWhatInOrderPositionsGive() {
        List<HerdPosition> track = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            track.add(herd("h1", FARM_LAT, FARM_LON, 250, DEC.plusSeconds(900L * i)));
        }
        track.add(herd("h1", OFF_LAT, ON_LON, 250, DEC.plusSeconds(900L * 2)));
        for (int i = 3; i < 8; i++) {
            track.add(herd("h1", OFF_LAT, OFF_LON, 250, DEC.plusSeconds(900L * i)));
        }
        Map<String, List<AlertEventType>> inOrder = outcome(track);
        assertEquals(List.of(AlertEventType.RAISED, AlertEventType.RESOLVED), inOrder.get("farmland-protection"), "in the fields, then out");
        assertEquals(List.of(AlertEventType.RAISED), inOrder.get("corridor-deviation"), "on the corridor, then off it");

        // positions arriving after later ones, all inside the 2 h grace period
        List<HerdPosition> shuffled = List.of(track.get(3), track.get(1), track.get(7), track.get(0), track.get(4), track.get(2),
                track.get(6), track.get(5));
        Map<String, List<AlertEventType>> late = outcome(shuffled);
        assertEquals(finals(inOrder), finals(late), "the same alerts stand at the end: in order " + inOrder + ", late " + late);
    }

    @Test
    void aRuleThatDoesNotTakeAnInputStillHoldsBackTheOlderInputsItMayReplay() {
        try (TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6),
                "{'id':'heavy-rain','type':'rain-accumulation','enabled':true,'zones':['niamey'],'params':{'thresholdMm':50,'windowHours':24}}",
                "{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],'params':{'warningCm':530,"
                        + "'alertCm':580,'dangerCm':620,'hysteresisCm':20,'holdMinutes':720}}")) {
            h.publish();
            h.observe(rain("niamey", 30, DEC));
            // gauge readings of the same station from two hours on: the gauge rule folds those older than its 6 h grace,
            // the rain rule still needs its reading
            for (int hour : List.of(2, 10, 11, 12)) {
                h.observe(gauge("niamey", 400, DEC.plus(Duration.ofHours(hour))));
            }
            List<Observation> kept = inputs(h, "niamey", Families.STATION_INPUTS);
            assertEquals(List.of(DEC, DEC.plus(Duration.ofHours(10)), DEC.plus(Duration.ofHours(11)), DEC.plus(Duration.ofHours(12))),
                    kept.stream().map(Observation::observedAt).toList(), "the gauge reading of 2 h is folded and gone: " + kept);
            assertTrue(kept.get(0) instanceof RainReading, "the rain reading is held back by the rain rule's horizon");
            assertTrue(h.drain().isEmpty());

            // a late rain reading inside the rain rule's grace period is replayed with the first: 30 + 25 mm
            h.observe(rain("niamey", 25, DEC.minus(Duration.ofHours(1))));
            List<AlertEvent> events = h.drain();
            assertEquals(List.of(AlertEventType.RAISED), events.stream().map(AlertEvent::type).toList());
            assertEquals("heavy-rain", events.get(0).alert().rule());
        }
    }

    /** Alert event types per rule id, in order, after {@code positions} went through the two rules. */
    private static Map<String, List<AlertEventType>> outcome(List<HerdPosition> positions) {
        try (TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(2), PROTECTION, CORRIDOR)) {
            h.publish();
            positions.forEach(h::observe);
            Map<String, List<AlertEventType>> out = new TreeMap<>();
            for (AlertEvent e : h.drain()) {
                out.computeIfAbsent(e.alert().rule(), k -> new ArrayList<>()).add(e.type());
            }
            return out;
        }
    }

    /** Whether each rule's alert stands at the end (raised or updated last, not resolved). */
    private static Map<String, Boolean> finals(Map<String, List<AlertEventType>> events) {
        Map<String, Boolean> out = new TreeMap<>();
        events.forEach((rule, types) -> out.put(rule, types.get(types.size() - 1) != AlertEventType.RESOLVED));
        return out;
    }

    private static List<Observation> inputs(TopologyHarness h, String herd) {
        return inputs(h, herd, Families.HERD_INPUTS);
    }

    private static List<Observation> inputs(TopologyHarness h, String herd, String group) {
        KeyValueStore<String, Observation> store = h.driver.getKeyValueStore(group + "-inputs");
        List<Observation> out = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Observation> kv = it.next();
                if (kv.key.startsWith(Timeline.pendingPrefix(herd))) {
                    out.add(kv.value);
                }
            }
        }
        return out;
    }

    private static long timelines(TopologyHarness h, String herd) {
        long n = 0;
        for (String family : List.of(ProtectedZoneFamily.TYPE, CorridorFamily.TYPE, PassageFamily.TYPE)) {
            KeyValueStore<String, Object> store = h.driver.getKeyValueStore(family + "-state");
            try (KeyValueIterator<String, Object> it = store.all()) {
                while (it.hasNext()) {
                    n += it.next().key.endsWith("|" + herd) ? 1 : 0;
                }
            }
        }
        return n;
    }
}
