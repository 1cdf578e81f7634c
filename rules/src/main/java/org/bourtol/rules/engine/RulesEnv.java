package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;

/**
 * What every family topology shares: the grace period for late data, the weight of an unverified
 * report, and change counters bumped by the global zone/rule store processors so each stream task
 * rebuilds its cached {@link DirectoryView} within one record of a change.
 *
 * <p>An {@link #isolated} environment (a backtest replay) builds the same topology with its state stores'
 * changelogs disabled: such a run is never restored, so the changelog records would only be serialised
 * and thrown away.
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
    private final boolean changelogs;
    private volatile Duration stateExpiry = Duration.ofDays(30);
    private volatile Duration updateInterval = Duration.ZERO;
    private volatile Set<String> inputsLoggedBefore = Set.of();
    /** The observations' serde for this topology: the bytes of the last observations read are written to the input stores as they came. */
    private final ReadBytes<Observation> observations = new ReadBytes<>(Topics.OBSERVATIONS.valueSerde(), 16);
    /**
     * Per stream thread: {wall-clock time a family took its last reading, how long after the reading was received}. A
     * thread of a topology built anew (a backtest's, on a pooled thread) starts with its own.
     */
    private final ThreadLocal<long[]> lastReading = ThreadLocal.withInitial(() -> new long[2]);

    public RulesEnv(Duration grace, double unverifiedWeight) {
        this(grace, unverifiedWeight, true);
    }

    private RulesEnv(Duration grace, double unverifiedWeight, boolean changelogs) {
        this.grace = grace;
        this.unverifiedWeight = unverifiedWeight;
        this.changelogs = changelogs;
    }

    /** The serde this topology reads observations with (from their topic and the zone families' repartition topics). */
    public Serde<Observation> observationSerde() {
        return observations;
    }

    /** The bytes {@code o} was read from, if it was among the last observations read; else null. */
    byte[] observationBytes(Observation o) {
        return observations.bytesOf(o);
    }

    /** For a run that is never restored (backtest replay): the same topology, stores without changelogs. */
    public static RulesEnv isolated(Duration grace, double unverifiedWeight) {
        return new RulesEnv(grace, unverifiedWeight, false);
    }

    /** {@code builder}, with its changelog disabled in an {@link #isolated} environment; every store of the rules topology goes through here. */
    public <S extends StateStore> StoreBuilder<S> store(StoreBuilder<S> builder) {
        return changelogs ? builder : builder.withLoggingDisabled();
    }

    /** Keys (herds, stations, places) silent this long lose their state unless their rule is firing ({@link StateExpiry}). */
    public RulesEnv withStateExpiry(Duration silence) {
        this.stateExpiry = silence;
        return this;
    }

    /**
     * The input stores ({@code <inputs>-inputs}) whose changelog topic a build before {@link InputRecovery} left: a task
     * that has nothing of its own yet takes its pending inputs over from it, once.
     */
    public RulesEnv withInputsLoggedBefore(Set<String> inputStores) {
        this.inputsLoggedBefore = Set.copyOf(inputStores);
        return this;
    }

    boolean inputsLoggedBefore(String inputStore) {
        return inputsLoggedBefore.contains(inputStore);
    }

    public Duration stateExpiry() {
        return stateExpiry;
    }

    /**
     * An active alert's updates that keep its severity are published at most about once per {@code interval}, the latest
     * state (the lifecycle's wall-clock punctuation); zero, the default and what a backtest replays with: every update
     * at once. Only for a {@link #live} environment.
     */
    public RulesEnv withUpdateInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("negative update interval: " + interval);
        }
        this.updateInterval = live() ? interval : Duration.ZERO;
        return this;
    }

    public Duration updateInterval() {
        return updateInterval;
    }

    /** False in an {@link #isolated} run: what it raises is a replay, not an alert, and is not logged as one. */
    public boolean live() {
        return changelogs;
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

    /** A family of this topology takes a reading {@code receivedAt} at wall-clock time {@code now}, on this stream thread. */
    void taking(java.time.Instant receivedAt, long now) {
        long[] last = lastReading.get();
        last[0] = now;
        last[1] = now - receivedAt.toEpochMilli();
    }

    /**
     * True when this stream thread is catching up: within {@code limit} before {@code now} it took a reading that had
     * waited longer than {@code limit} since it was received (by ingest, on its host's clock).
     */
    public boolean behind(long now, Duration limit) {
        long[] last = lastReading.get();
        return now - last[0] <= limit.toMillis() && last[1] > limit.toMillis();
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
