package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.Comparator;

/**
 * One record of the past as it was on its topic: an observation ({@code bourtol.observations.v1}) or an
 * acknowledgement request ({@code bourtol.acks.v1}), with its key and value bytes exactly as stored (a
 * corrupt record is replayed as corrupt: the live topology skipped it too), the time Kafka stored it
 * ({@code storedAtMs}, the producer's clock at ingest) and, for a readable observation, its event time.
 *
 * @param eventTime the observation's {@code observedAt} or the acknowledgement's {@code at}; null when unreadable
 */
public record Recorded(Kind kind, String key, byte[] value, long storedAtMs, Instant eventTime) {

    /** Which input topic the record was on. */
    public enum Kind { OBSERVATION, ACK }

    /** The order the live instance processed records in, as far as the log tells: by storage time, then event time. */
    public static final Comparator<Recorded> STORED_ORDER = Comparator.comparingLong(Recorded::storedAtMs)
            .thenComparing(r -> r.eventTime() == null ? Instant.EPOCH : r.eventTime());
}
