package org.bourtol.simulator.scenario;

import java.time.Instant;
import org.bourtol.contracts.observation.ReportType;

/**
 * What an emitted message truly says, kept beside it for the ground-truth oracle. {@code index} is
 * the emission's position in the timeline; {@code at} its event time ({@code live} SMS: after the season).
 */
sealed interface Fact {

    int index();

    Instant at();

    record HerdFix(int index, Instant at, String herdId, double lat, double lon, int headCount) implements Fact {
    }

    record Level(int index, Instant at, String station, int cm) implements Fact {
    }

    record Rain(int index, Instant at, String station, double mm) implements Fact {
    }

    record Report(int index, Instant at, ReportType type, String zoneId, boolean verified) implements Fact {
    }
}
