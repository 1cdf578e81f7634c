package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Zone kinds (docs/contracts.md); wire form is kebab-case. */
public enum ZoneKind {
    FARMLAND, CORRIDOR, WATER_POINT, PASTURE, MARKET, COMMUNE, CERCLE, REGION, RIVER_REACH, STATION;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static ZoneKind fromWire(String value) {
        for (ZoneKind kind : values()) {
            if (kind.wire().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown zone kind '" + value + "' ("
                + Arrays.stream(values()).map(ZoneKind::wire).collect(Collectors.joining(", ")) + ")");
    }
}
