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
    void unknownKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("herdz: 3\n"));
        assertTrue(e.getMessage().contains("herdz"), e.getMessage());
    }
}
