package org.bourtol.rules.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.rules.Families;
import org.bourtol.rules.engine.RuleValidator;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.zones.ZoneIndex;
import org.bourtol.rules.zones.ZoneValidator;
import org.junit.jupiter.api.Test;

class DefaultDatasetTest {

    private final List<Zone> zones = DefaultDataset.zones();
    private final Map<String, Zone> byId = new HashMap<>();

    DefaultDatasetTest() {
        zones.forEach(z -> byId.put(z.id(), z));
    }

    @Test
    void everyZoneIsValid() {
        List<String> problems = new ArrayList<>();
        zones.forEach(z -> problems.addAll(ZoneValidator.validate(z, id -> Optional.ofNullable(byId.get(id)))));
        assertEquals(List.of(), problems);
    }

    @Test
    void stationsCarryThePublishedLevels() {
        for (String id : List.of("koulikoro", "segou", "mopti", "dire", "kabara", "gao", "ansongo", "niamey")) {
            assertEquals(ZoneKind.STATION, byId.get(id).kind(), id);
        }
        assertEquals(530, byId.get("niamey").properties().at("/levels/warning").asInt());
        assertEquals(580, byId.get("niamey").properties().at("/levels/alert").asInt());
        assertEquals(620, byId.get("niamey").properties().at("/levels/danger").asInt());
        assertEquals(650, byId.get("mopti").properties().at("/levels/alert").asInt());
        assertTrue(byId.get("gao").properties().path("levels").isMissingNode(), "no published level for Gao");
    }

    @Test
    void everyRuleIsValidAndEveryStationWithLevelsHasAGaugeLevelRule() {
        RuleValidator validator = new RuleValidator(Families.byType(new RulesEnv(java.time.Duration.ofHours(1), 0.5)));
        List<RuleDocument> rules = DefaultDataset.rules();
        List<String> problems = new ArrayList<>();
        rules.stream().filter(r -> Families.byType(new RulesEnv(java.time.Duration.ofHours(1), 0.5)).containsKey(r.type()))
                .forEach(r -> validator.validate(r, id -> Optional.ofNullable(byId.get(id))).forEach(p -> problems.add(r.id() + ": " + p)));
        assertEquals(List.of(), problems);
        zones.stream().filter(z -> z.properties().has("levels")).forEach(z -> assertTrue(rules.stream()
                .anyMatch(r -> r.type().equals("gauge-level") && r.zones().contains(z.id())), "gauge-level rule for " + z.id()));
    }

    @Test
    void spatialIndexFindsFarmlandInsideItsCommuneAndRegion() {
        ZoneIndex index = new ZoneIndex(byId);
        List<String> hits = index.containing(14.9036, -3.8589).stream().map(Zone::id).toList();
        assertEquals(List.of("farm-konna-rice", "konna", "region-mopti"), hits);
        assertEquals("konna", index.ancestorOfKind("farm-konna-rice", ZoneKind.COMMUNE).orElseThrow().id());
        double d = index.distanceMeters("corridor-diafarabe-crossing", 14.16, -5.01 + 0.05);
        assertTrue(d > 4000 && d < 6500, "about 5 km east of the crossing, got " + d);
    }
}
