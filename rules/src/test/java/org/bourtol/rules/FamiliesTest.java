package org.bourtol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.bourtol.rules.engine.Family;
import org.bourtol.rules.engine.RulesEnv;
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
        Set<String> types = Families.all(ENV).stream().map(Family::type).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(types, evaluators, "families registered vs evaluators in the topology");
        for (String type : types) {
            assertTrue(stores.contains(type + "-state"), "no state store for " + type);
        }
    }

    @Test
    void typesAreUnique() {
        assertEquals(Families.all(ENV).size(), Families.byType(ENV).size());
    }
}
