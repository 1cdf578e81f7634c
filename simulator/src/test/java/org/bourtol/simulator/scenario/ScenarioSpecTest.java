package org.bourtol.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScenarioSpecTest {

    @Test
    void partialFileTakesDefaults() {
        ScenarioSpec s = ScenarioSpec.parse("seed: 7\nherds:\n  count: 12\n");
        assertEquals(7L, s.seed());
        assertEquals(12, s.herds().count());
        assertEquals(ScenarioSpec.builtIn().herds().collarIntervalMinutes(), s.herds().collarIntervalMinutes());
        assertEquals("2024", s.floodYear());
    }

    @Test
    void theReadmeExampleIsAValidScenario() {
        ScenarioSpec s = ScenarioSpec.parse("""
                name: my-season
                seed: 42
                start: "07-20"            # first simulated day (MM-DD); end: "12-20"
                floodYear: "2024"         # normal | 2020 | 2024
                herds: {count: 30, incursions: 3, crowdings: 1, deviations: 2, earlyPassages: 1, latePassages: 1}
                gauges: {stations: [mopti, niamey], intervalMinutes: 360}
                reports: {clashes: 2, malformed: 3}
                faults: {duplicates: 0.01, outOfOrder: 0.01, late: 0.01, malformed: 5, bursts: 2}
                """);
        assertEquals(1, s.herds().latePassages());
        assertEquals(ScenarioSpec.builtIn().herds().collarIntervalMinutes(), s.herds().collarIntervalMinutes());
        assertEquals(2, s.faults().bursts());
    }

    @Test
    void latePassagesDefaultToTheBuiltInScenario() {
        assertEquals(1, ScenarioSpec.builtIn().herds().latePassages());
        assertEquals(1, ScenarioSpec.parse("herds: {count: 12}\n").herds().latePassages());
    }

    @Test
    void unknownKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("herdz: 3\n"));
        assertTrue(e.getMessage().contains("herdz"), e.getMessage());
    }
}
