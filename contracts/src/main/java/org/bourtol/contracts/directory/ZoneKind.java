package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/** Zone kinds (docs/contracts.md); wire form is kebab-case. */
public enum ZoneKind implements WireName {
    FARMLAND, CORRIDOR, WATER_POINT, PASTURE, MARKET, COMMUNE, CERCLE, REGION, RIVER_REACH, STATION;

    @JsonCreator
    public static ZoneKind fromWire(String value) {
        return WireNames.parse(ZoneKind.class, "zone kind", value);
    }
}
