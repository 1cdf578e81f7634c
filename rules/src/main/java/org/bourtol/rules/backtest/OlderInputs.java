package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.List;

/**
 * Observations kept longer than Kafka keeps them (the time-series store), for the part of a backtest period older
 * than the observations topic's retention. Wired by the launcher when InfluxDB is configured.
 */
public interface OlderInputs {

    /** Where they come from, for the result's notes ("InfluxDB http://…"). */
    String name();

    /** The observations whose event time is in {@code [from, to)}, rebuilt as records to replay, in event-time order. */
    List<Recorded> observations(Instant from, Instant to);
}
