package org.bourtol.rules.zones;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed positions found by the zone-upload fuzzing: every problem says what is wrong, never a bare "null" reason. */
class ZoneValidatorNullPositionTest {

    @ParameterizedTest
    @ValueSource(strings = {"{'type':'LineString','coordinates':[null]}", "{'type':'Polygon','coordinates':[[null]]}",
        "{'type':'Point','coordinates':[null, null]}"})
    void aNullPositionIsAProblemWithAReason(String geometry) throws Exception {
        JsonNode feature = Json.MAPPER.readTree(("{'type':'Feature','id':'z','properties':{'kind':'commune','name':'Zone'},'geometry':"
                + geometry + "}").replace('\'', '"'));
        List<String> problems;
        try {
            Zone z = ZoneFeatures.fromFeature(feature, null);
            problems = ZoneValidator.validate(z, id -> Optional.empty());
        } catch (IllegalArgumentException e) {
            problems = List.of(String.valueOf(e.getMessage()));
        }
        assertFalse(problems.isEmpty(), geometry);
        for (String p : problems) {
            assertTrue(p.startsWith("zone z: ") && !p.endsWith(": null"), p);
        }
    }
}
