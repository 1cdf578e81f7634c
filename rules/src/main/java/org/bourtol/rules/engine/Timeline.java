package org.bourtol.rules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Json;

/**
 * Per (rule, key) evaluation state that makes results independent of arrival order within the grace
 * period. {@code base} is the family state after every input of the rule older than {@code horizon}; the
 * inputs inside the grace period are kept once per key, one per entry, in the input store its family
 * shares with the families of the same {@link Family#inputs()} (see {@link #pendingKey}), in event-time
 * order, and {@code head} is the state after all of them, computed under the rule version
 * {@code headRule}. An input newer than {@code newest} is one step from {@code head}; a late one is
 * inserted in order and the pending inputs are replayed from {@code base}; inputs older than the horizon
 * are too late. {@code fired}/{@code alertZone}/{@code lastFire} remember the last verdict sent to the
 * lifecycle. {@code format} is {@link #SHARED_INPUTS} for timelines written since the inputs are kept
 * once per key; an older one ({@code 0}, the field absent) had its pending inputs in a per-rule store
 * that no longer exists, and {@link #current()} reads it as having folded them all. {@code unsent}, when set, is a
 * firing the lifecycle has not been sent yet though {@code lastFire} counts it as told: a firing source's updates
 * that change only its measure are sent at most once per {@code rules.updateInterval} ({@link Signaller}), and one
 * still waiting when the task stopped is sent once it runs again.
 */
public record Timeline<S>(S base, S head, String headRule, Instant horizon, Instant newest, String newestId,
        int pendingCount, boolean fired, String alertZone, String lastFire, int format,
        @JsonInclude(JsonInclude.Include.NON_NULL) Signal unsent) {

    /** The format of timelines whose pending inputs are kept once per key in the shared input store. */
    public static final int SHARED_INPUTS = 2;

    /** A timeline of the current format. */
    public Timeline(S base, S head, String headRule, Instant horizon, Instant newest, String newestId, int pendingCount,
                    boolean fired, String alertZone, String lastFire) {
        this(base, head, headRule, horizon, newest, newestId, pendingCount, fired, alertZone, lastFire, SHARED_INPUTS, null);
    }

    /** A timeline of the current format after a step: what the lifecycle was told ({@code emitted}). */
    Timeline(S base, S head, String headRule, Instant horizon, Instant newest, String newestId, int pendingCount,
             Signaller.Emitted emitted) {
        this(base, head, headRule, horizon, newest, newestId, pendingCount, emitted.fired(), emitted.alertZone(), emitted.lastFire(),
                SHARED_INPUTS, emitted.unsent());
    }

    /**
     * This timeline as the current format reads it: one written before the shared input store kept its
     * pending inputs in a store that is gone, so they are taken as folded: the base becomes the head and the
     * horizon the newest input (an input older than that is too late, as after a grace period).
     */
    public Timeline<S> current() {
        if (format >= SHARED_INPUTS) {
            return this;
        }
        if (pendingCount == 0 || newest == null) {
            return new Timeline<>(base, head, headRule, horizon, newest, newestId, pendingCount, fired, alertZone, lastFire);
        }
        return new Timeline<>(head, head, headRule, newest, newest, newestId, 0, fired, alertZone, lastFire);
    }

    /** Event-time order of inputs (ties broken by id), which the pending store's key order follows. */
    public static final Comparator<Observation> ORDER =
            Comparator.comparing(Observation::observedAt).thenComparing(Observation::id);

    private static final long EPOCH_OFFSET = 100_000_000_000L;

    public static <S> Timeline<S> empty() {
        return new Timeline<>(null, null, null, Instant.EPOCH, null, null, 0, false, null, null);
    }

    /**
     * The serde of a family's {@code <type>-state} store: the timeline as JSON with {@code base} and
     * {@code head} as the family's own state type (the same JSON as when they were untyped trees, so a
     * changelog written before reads back).
     */
    public static <S> Serde<Timeline<S>> serde(Class<S> stateType) {
        JavaType type = Json.MAPPER.getTypeFactory().constructParametricType(Timeline.class, stateType);
        ObjectWriter writer = Json.MAPPER.writerFor(type);
        ObjectReader reader = Json.MAPPER.readerFor(type);
        Serializer<Timeline<S>> out = (topic, value) -> {
            try {
                return value == null ? null : writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot serialize the timeline of " + stateType.getSimpleName() + " for " + topic, e);
            }
        };
        Deserializer<Timeline<S>> in = (topic, data) -> {
            try {
                return data == null ? null : reader.<Timeline<S>>readValue(data);
            } catch (IOException | IllegalArgumentException e) {
                throw new SerializationException("cannot read the timeline of " + stateType.getSimpleName() + " from " + topic + ": "
                        + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(out, in);
    }

    public boolean tooLate(Observation o) {
        return o.observedAt().isBefore(horizon);
    }

    /** True when {@code o} comes after every input seen so far, so that one step from {@code head} suffices. */
    public boolean follows(Observation o) {
        if (newest == null) {
            return pendingCount == 0;
        }
        int c = o.observedAt().compareTo(newest);
        return c > 0 || (c == 0 && o.id().compareTo(newestId) > 0);
    }

    /** This timeline having told the lifecycle {@code emitted}. */
    Timeline<S> told(Signaller.Emitted emitted) {
        return new Timeline<>(base, head, headRule, horizon, newest, newestId, pendingCount, emitted.fired(), emitted.alertZone(),
                emitted.lastFire(), format, emitted.unsent());
    }

    /** The newest − grace bound below which inputs are folded into the base, never moving back. */
    public Instant nextHorizon(Instant newestInput, Duration grace) {
        Instant h = newestInput.minus(grace);
        return h.isBefore(horizon) ? horizon : h;
    }

    /** Prefix of every input-store key of one key (station, herd or zone). */
    public static String pendingPrefix(String key) {
        return key + '\u0000';
    }

    /** A key above every input-store key of {@code key} and below those of any other key. */
    public static String pendingEnd(String key) {
        return key + '\u0001';
    }

    /**
     * Input-store key of an input: the key it arrived under, then the event time as fixed-width digits,
     * then the id, so that the store's byte order is {@link #ORDER} within one key.
     */
    public static String pendingKey(String key, Observation o) {
        Instant t = o.observedAt();
        StringBuilder b = new StringBuilder(key.length() + 23 + o.id().length()).append(pendingPrefix(key));
        pad(b, t.getEpochSecond() + EPOCH_OFFSET, 12);
        pad(b, t.getNano(), 9);
        return b.append('|').append(o.id()).toString();
    }

    /**
     * The input-store key just below every input of {@code key} at or after {@code instant}: the keys of the
     * inputs of {@code key} older than it lie between {@link #pendingPrefix} and this bound, and those from
     * {@code a} up to {@code b} between {@code pendingBound(key, a)} and {@code pendingBound(key, b)}, so a
     * range read returns only those.
     */
    public static String pendingBound(String key, Instant instant) {
        StringBuilder b = new StringBuilder(key.length() + 22).append(pendingPrefix(key));
        pad(b, instant.getEpochSecond() + EPOCH_OFFSET, 12);
        pad(b, instant.getNano(), 9);
        return b.toString();
    }

    /** {@code value} in decimal, zero-padded to {@code width} digits (what {@code %0<width>d} gives a non-negative value). */
    private static void pad(StringBuilder b, long value, int width) {
        int start = b.length();
        b.setLength(start + width);
        long rest = value;
        for (int i = start + width - 1; i >= start; i--) {
            b.setCharAt(i, (char) ('0' + rest % 10));
            rest /= 10;
        }
        if (rest != 0 || value < 0) {
            // wider than width (or negative): as the format would give
            b.setLength(start);
            b.append(value);
        }
    }

    /** The order {@code inputs} must be replayed in. */
    public static List<Observation> sorted(List<Observation> inputs) {
        return inputs.stream().sorted(ORDER).toList();
    }
}
