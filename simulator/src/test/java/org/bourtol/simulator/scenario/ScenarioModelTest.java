package org.bourtol.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.bourtol.simulator.scenario.GroundTruthEvent.Types;
import org.junit.jupiter.api.Test;

class ScenarioModelTest {

    private static final Dataset DS = Dataset.sahel();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void sameSeedGivesTheSameSeason() {
        Timeline a = ScenarioModel.generate(ScenarioSpec.builtIn(), DS, TODAY);
        Timeline b = ScenarioModel.generate(ScenarioSpec.builtIn(), DS, TODAY);
        assertEquals(a.emissions(), b.emissions());
        assertEquals(a.truth(), b.truth());
        Timeline c = ScenarioModel.generate(ScenarioSpec.builtIn().withSeed(7), DS, TODAY);
        assertNotEquals(a.emissions(), c.emissions());
    }

    @Test
    void defaultSeasonHasEveryKindOfRisk() {
        Timeline t = ScenarioModel.generate(ScenarioSpec.builtIn(), DS, TODAY);
        Set<String> types = t.truth().stream().map(GroundTruthEvent::type).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of(Types.FARMLAND, Types.CROWDING, Types.DEVIATION, Types.PASSAGE, Types.GAUGE,
                Types.RAIN, Types.INCIDENT)), types.toString());
        assertEquals(2025, t.start().atZone(java.time.ZoneOffset.UTC).getYear());
        assertFalse(t.verifiedSenders().isEmpty());
    }

    @Test
    void everyMessageSidIsTwilioShaped() {
        Timeline t = ScenarioModel.generate(ScenarioSpec.builtIn(), DS, TODAY);
        t.emissions().stream().filter(e -> e instanceof Emission.Sms).map(e -> (Emission.Sms) e).forEach(s -> {
            assertTrue(s.messageSid().matches("SM[0-9a-f]{32}"), s.messageSid());
            assertTrue(s.from().matches("\\+22376\\d{6}"), s.from());
        });
    }
}
