package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every family topology shares: the grace period for late data, the weight of an unverified
 * report, and change counters bumped by the global zone/rule store processors so each stream task
 * rebuilds its cached {@link DirectoryView} within one record of a change.
 */
public final class RulesEnv {

    public static final String ZONES_STORE = "zones-global";
    public static final String RULES_STORE = "rules-global";

    private final Duration grace;
    private final double unverifiedWeight;
    private final AtomicLong zonesVersion = new AtomicLong(1);
    private final AtomicLong rulesVersion = new AtomicLong(1);
    private final AtomicLong tooLate = new AtomicLong();
    private final AtomicLong eventTime = new AtomicLong();

    public RulesEnv(Duration grace, double unverifiedWeight) {
        this.grace = grace;
        this.unverifiedWeight = unverifiedWeight;
    }

    public Duration grace() {
        return grace;
    }

    public double unverifiedWeight() {
        return unverifiedWeight;
    }

    public long zonesVersion() {
        return zonesVersion.get();
    }

    public long rulesVersion() {
        return rulesVersion.get();
    }

    void zonesChanged() {
        zonesVersion.incrementAndGet();
    }

    void rulesChanged() {
        rulesVersion.incrementAndGet();
    }

    long countTooLate() {
        return tooLate.incrementAndGet();
    }

    /** Notes an observation's event time; {@link #eventTime()} is the latest seen by this instance. */
    void observe(java.time.Instant at) {
        eventTime.accumulateAndGet(at.toEpochMilli(), Math::max);
    }

    /** The latest event time seen (epoch when none): "now" for windows that expire without new input. */
    public java.time.Instant eventTime() {
        return java.time.Instant.ofEpochMilli(eventTime.get());
    }

    /** Inputs dropped because they arrived after the grace period. */
    public long tooLateCount() {
        return tooLate.get();
    }
}
