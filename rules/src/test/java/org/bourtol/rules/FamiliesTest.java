package org.bourtol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.bourtol.rules.corridor.CorridorFamily;
import org.bourtol.rules.engine.Family;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.passage.PassageFamily;
import org.bourtol.rules.protectedzone.ProtectedZoneFamily;
import org.bourtol.rules.riskscore.RiskScoreFamily;
import org.junit.jupiter.api.Test;

class FamiliesTest {

    private static final RulesEnv ENV = new RulesEnv(Duration.ofHours(1), 0.5);

    @Test
    void everyRegisteredFamilyIsWiredIntoTheTopologyAndNothingElseIs() {
        TopologyDescription d = RulesTopology.build(ENV).describe();
        Set<String> evaluators = new TreeSet<>();
        Set<String> stores = new HashSet<>();
        for (TopologyDescription.Subtopology s : d.subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                if (n.name().endsWith("-evaluate")) {
                    evaluators.add(n.name().substring(0, n.name().length() - "-evaluate".length()));
                }
                if (n instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
            }
        }
        Set<String> inputs = Families.all(ENV).stream().map(Family::inputs).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inputs, evaluators, "families registered (one evaluator per input store) vs evaluators in the topology");
        for (Family<?, ?> family : Families.all(ENV)) {
            assertTrue(stores.contains(family.type() + "-state"), "no state store for " + family.type());
            if (!family.type().equals(RiskScoreFamily.TYPE)) {
                assertTrue(stores.contains(family.inputs() + "-inputs"), "no input store for " + family.type());
            }
        }
        assertEquals(Set.of(ProtectedZoneFamily.TYPE, CorridorFamily.TYPE, PassageFamily.TYPE), Families.all(ENV).stream()
                .filter(f -> f.inputs().equals(Families.HERD_INPUTS)).map(Family::type).collect(Collectors.toSet()),
                "the herd-keyed families keep each position once");
    }

    @Test
    void typesAreUnique() {
        assertEquals(Families.all(ENV).size(), Families.byType(ENV).size());
    }
}
