package org.bourtol.contracts.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.outcome.Violence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every wire-named enum: JSON is its {@code wire()} spelling (as a value and as a map key), read back case-insensitively. */
class WireNameTest {

    static Stream<Class<? extends Enum<?>>> enums() {
        return Stream.of(AlertState.class, Hazard.class, DeliveryStatus.class, Species.class, ReportType.class, Verdict.class,
                Violence.class, ZoneKind.class, AlertResponse.Kind.class);
    }

    @ParameterizedTest
    @MethodSource("enums")
    void jsonIsTheWireSpellingAndReadsBack(Class<? extends Enum<?>> type) throws Exception {
        for (Enum<?> e : type.getEnumConstants()) {
            String wire = ((WireName) e).wire();
            assertEquals("\"" + wire + "\"", Json.MAPPER.writeValueAsString(e));
            assertEquals("{\"" + wire + "\":1}", Json.MAPPER.writeValueAsString(Map.of(e, 1)));
            assertEquals(e, Json.MAPPER.readValue("\" " + wire.toUpperCase(java.util.Locale.ROOT) + " \"", type));
        }
    }

    @Test
    void spellingsAreLowerCaseWithDashesUnlessTheEnumSaysOtherwise() {
        assertEquals("false-alarm", Verdict.FALSE_ALARM.wire());
        assertEquals("water-point", ZoneKind.WATER_POINT.wire());
        assertEquals("acknowledged", DeliveryStatus.ACKNOWLEDGED.wire());
        assertEquals("CLASH", ReportType.CLASH.wire());
    }

    @Test
    void anUnknownOrMissingSpellingIsNamedInTheError() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Species.fromWire("zebu"));
        assertEquals("unknown species 'zebu' (cattle, sheep, goats, camels, donkeys, mixed, unknown)", unknown.getMessage());
        assertEquals("delivery status is missing", assertThrows(IllegalArgumentException.class, () -> DeliveryStatus.fromWire(null))
                .getMessage());
    }
}
