package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.bourtol.contracts.alert.Evidence;
import org.junit.jupiter.api.Test;

/**
 * Evidence merged as the lifecycle merges it, one signal after the other: each observation once at its latest place, the
 * most recent {@link Signal#MAX_EVIDENCE}; the one-new-observation shortcut gives exactly what the general merge gives.
 */
class SignalEvidenceTest {

    private static final Instant T0 = Instant.parse("2026-08-01T06:00:00Z");

    private static Evidence ev(int id) {
        return new Evidence("o-" + id, "gauge", T0.plusSeconds(id), id + " cm", null);
    }

    /** The definition: put each in order, an id seen again moves to the end; keep the last twenty. */
    private static List<Evidence> reference(List<Evidence> old, List<Evidence> added) {
        LinkedHashMap<String, Evidence> byId = new LinkedHashMap<>();
        for (List<Evidence> list : java.util.Arrays.asList(old, added)) {
            if (list != null) {
                list.forEach(e -> {
                    byId.remove(e.observationId());
                    byId.put(e.observationId(), e);
                });
            }
        }
        List<Evidence> all = new ArrayList<>(byId.values());
        return all.subList(Math.max(0, all.size() - Signal.MAX_EVIDENCE), all.size());
    }

    @Test
    void mergingMatchesTheDefinitionOnRandomLists() {
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(i);
            }
            java.util.Collections.shuffle(ids, random);
            List<Evidence> old = ids.subList(0, random.nextInt(26)).stream().map(SignalEvidenceTest::ev).toList();
            List<Evidence> added = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                added.add(ev(random.nextInt(45))); // sometimes already in old, sometimes twice
            }
            assertEquals(reference(old, added), Signal.evidence(old, added), "old " + old.size() + ", added " + added);
        }
        assertEquals(List.of(ev(1)), Signal.evidence(null, List.of(ev(1))));
        assertEquals(List.of(ev(1)), Signal.evidence(List.of(ev(1)), null));
    }

    @Test
    void aHeldFiringCarriesTheEvidenceOfTheStepsItStandsFor() {
        Signal first = Signal.fire("r", "gauge-level", null, "niamey", "niamey", "warning", null, null, List.of(ev(1)), T0);
        Signal second = Signal.fire("r", "gauge-level", null, "niamey", "niamey", "warning", null, null, List.of(ev(2)), T0.plusSeconds(2));
        Signal both = second.after(first);
        assertEquals(List.of(ev(1), ev(2)), both.evidence());
        assertEquals(T0.plusSeconds(2), both.at());
    }
}
