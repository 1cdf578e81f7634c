package org.bourtol.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Observation;

/**
 * Tells the alert lifecycle what a (rule, key)'s verdicts change: a fire, a clear, or a fire moving to
 * another zone, as {@link Signal}s keyed {@code rule|zone}. {@link Emitted} (kept in the {@link Timeline})
 * is what the lifecycle was last told, so an unchanged verdict sends nothing.
 * <p>
 * With an update interval (live; a replay has none), a fire that changes only the measure of a firing source (same
 * zone, level and severity: a gauge reading a few centimetres higher) less than the interval after the last firing
 * sent for it, or while an earlier one waits, is not sent at once but kept as the
 * timeline's {@code unsent} firing, carrying the evidence of every such step since the last one sent; {@link #sendDue}
 * sends it at the first commit at which it is due ({@link BeforeCommit}; {@link #sendWaiting} at an interval's
 * punctuation without commits to join), and any other signal of the (rule, key) sends it first, so the lifecycle sees the same
 * order of changes, fewer of them. A hot alert's updates are published at most once per interval anyway
 * (the lifecycle's hold-back); this spares a firing station the signal topic and the lifecycle at every reading. A raise,
 * a clear, a level or severity change and a zone move are never held.
 */
final class Signaller<P, S> {

    /**
     * What the lifecycle was last told for this (rule, key); {@code unsent} (nullable) a firing counted as told (in
     * {@code lastFire}) but not sent yet.
     */
    record Emitted(boolean fired, String alertZone, String lastFire, Signal unsent) {
        static final Emitted NONE = new Emitted(false, null, null, null);

        static Emitted of(Timeline<?> tl) {
            return new Emitted(tl.fired(), tl.alertZone(), tl.lastFire(), tl.unsent());
        }
    }

    private static final int RENDERED_HEADLINES = 256;

    private final Family<P, S> family;
    private final DirectoryView view;
    private final Consumer<Record<String, Signal>> out;
    private final LongSupplier clock;
    private final Runnable held;
    /** State keys ({@code rule|key}) whose timeline holds an unsent firing, and when each last sent one. */
    private final HeldKeys keys;
    /** Headlines rendered lately (every language, {@link Family#headline}): a firing source's readings repeat them. */
    private final Map<Headline, Map<String, String>> headlines = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Headline, Map<String, String>> eldest) {
            return size() > RENDERED_HEADLINES;
        }
    };

    /**
     * @param interval how long a firing that changes only its measure may wait after the last one sent for its (rule, key)
     *                 (zero: never)
     * @param clock    wall-clock milliseconds (the task's)
     * @param held     told whenever a firing is held: {@link #sendWaiting} must run within the interval
     */
    Signaller(Family<P, S> family, DirectoryView view, Consumer<Record<String, Signal>> out, Duration interval, LongSupplier clock,
              Runnable held) {
        this.family = family;
        this.view = view;
        this.out = out;
        this.clock = clock;
        this.held = held;
        this.keys = new HeldKeys(interval);
    }

    /**
     * Signals the change from {@code before} to this verdict: a clear (or a move to another zone) and a
     * fire. Intermediate replay steps signal only firing/clearing; the last one also new levels or values.
     * {@code onset} (nullable): the replayed run of fires, sent with a fire so that a late input that
     * joined an active alert's run moves its {@code raisedAt} back even when the fire also changed.
     */
    Emitted signal(CompiledRule<P> rule, String key, S state, Verdict verdict, Observation in, long ts, Emitted before, boolean last,
                   Run onset) {
        String zone = family.alertZone(rule, key, state, view.zones());
        Emitted now = before;
        if (now.fired() && now.alertZone() != null
                && (!(verdict instanceof Verdict.Fire) || !now.alertZone().equals(zone))) {
            now = sendUnsent(rule.id(), key, now);
            clear(rule.id(), now.alertZone(), key, in.observedAt(), ts);
            now = Emitted.NONE;
        }
        if (verdict instanceof Verdict.Fire fire && zone != null) {
            String kind = zone + "/" + fire.level() + "/" + fire.severity() + "/";
            String fingerprint = kind + fire.measure();
            if (!now.fired() || (last && !fingerprint.equals(now.lastFire()))) {
                Signal s = fireSignal(rule, zone, key, fire, in);
                if (now.fired() && onset != null && onset.since() != null) {
                    s = s.withOnset(onset.since(), onset.evidence());
                } else if (now.fired() && onset == null && now.lastFire() != null && now.lastFire().startsWith(kind)
                        && (now.unsent() != null || keys.lately(rule.id() + "|" + key, clock.getAsLong()))) {
                    // only the measure changed, and a firing went less than the interval ago or one already waits:
                    // waits for the next commit at which it is due, with the evidence of the steps it stands for
                    keys.hold(rule.id() + "|" + key);
                    held.run();
                    return new Emitted(true, zone, fingerprint, now.unsent() == null ? s : s.after(now.unsent()));
                }
                now = sendUnsent(rule.id(), key, now);
                forward(s, ts);
                keys.sent(rule.id() + "|" + key, clock.getAsLong());
                now = new Emitted(true, zone, fingerprint, null);
            }
        }
        return now;
    }

    /**
     * The alert goes on unchanged but a late input joined its run: sends the run's onset and evidence
     * (when the fire is still in the zone the lifecycle knows), after the firing waiting to be sent.
     */
    Emitted joined(CompiledRule<P> rule, String key, S state, Verdict.Fire fire, Observation in, Run run, Emitted emitted, long ts) {
        String zone = family.alertZone(rule, key, state, view.zones());
        if (zone != null && zone.equals(emitted.alertZone())) {
            Emitted now = sendUnsent(rule.id(), key, emitted);
            forward(fireSignal(rule, zone, key, fire, in).withOnset(run.since(), run.evidence()), ts);
            return now;
        }
        return emitted;
    }

    /** {@code source} no longer fires rule {@code ruleId} in {@code zone}, at event time {@code at}. */
    void clear(String ruleId, String zone, String source, Instant at, long ts) {
        forward(Signal.clear(ruleId, family.type(), family.hazard(), zone, source, at), ts);
    }

    /**
     * Sends {@code emitted}'s unsent firing, if any (its record timestamped with its event time, as the firing was when
     * held), and returns what the lifecycle has been told then.
     */
    Emitted sendUnsent(String ruleId, String key, Emitted emitted) {
        if (emitted.unsent() == null) {
            return emitted;
        }
        forward(emitted.unsent(), emitted.unsent().at().toEpochMilli());
        keys.sent(ruleId + "|" + key, clock.getAsLong());
        return new Emitted(emitted.fired(), emitted.alertZone(), emitted.lastFire(), null);
    }

    /** Notes that the timeline of {@code stateKey} holds an unsent firing (read back from the store after a restart). */
    void waits(String stateKey) {
        keys.hold(stateKey);
        held.run();
    }

    /** Sends every unsent firing (at the update interval), saving each timeline without it; false when none waited. */
    boolean sendWaiting(Timelines<S> timelines) {
        return keys.sendAll(clock.getAsLong(), skey -> send(timelines, skey));
    }

    /**
     * Sends the unsent firings whose (rule, key) last sent one at least the interval before {@code now}, less
     * {@link BeforeCommit#earlyMs} (the time of a commit lags a little): at a commit. The others keep waiting.
     */
    void sendDue(Timelines<S> timelines, long now) {
        keys.sendDue(now, skey -> send(timelines, skey));
    }

    /** True while some firing waits to be sent. */
    boolean waiting() {
        return keys.waiting();
    }

    /** Sends the unsent firing of {@code skey}'s timeline, if it still has one, and saves the timeline without it. */
    private void send(Timelines<S> timelines, String skey) {
        Timeline<S> tl = timelines.get(skey);
        int bar = skey.indexOf('|');
        if (tl.unsent() != null) {
            timelines.save(skey, tl.told(sendUnsent(skey.substring(0, bar), skey.substring(bar + 1), Emitted.of(tl))));
        }
    }

    private Signal fireSignal(CompiledRule<P> rule, String zone, String source, Verdict.Fire fire, Observation o) {
        String zoneName = view.zones().name(zone);
        Zone z = view.zones().zone(zone).orElse(null);
        Headline key = new Headline(rule, z, zoneName, fire.level(), fire.severity(), fire.measure(), fire.threshold());
        Map<String, String> headline = headlines.get(key);
        if (headline == null) {
            headline = java.util.Collections.unmodifiableMap(family.headline(rule, zoneName, z, fire));
            headlines.put(key, headline);
        }
        return Signal.fire(rule.id(), family.type(), family.hazard(), zone, source, fire.level(),
                fire.severity() != null ? fire.severity() : family.severity(rule, fire.level()), headline, fire.evidence(), o.observedAt());
    }

    private void forward(Signal s, long ts) {
        out.accept(new Record<>(s.key(), s, ts));
    }

    /**
     * What a headline is made of ({@link Family#headline} reads the rule, the zone and the fire's level, severity, measure
     * and threshold, never its evidence): the compiled rule and the zone by identity (a new rule version or zone
     * upload makes new objects), the rest by value.
     */
    private record Headline(Object rule, Zone zone, String zoneName, String level, Severity severity, String measure, String threshold) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Headline h && h.rule == rule && h.zone == zone && Objects.equals(h.zoneName, zoneName)
                    && Objects.equals(h.level, level) && h.severity == severity && Objects.equals(h.measure, measure)
                    && Objects.equals(h.threshold, threshold);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(rule), System.identityHashCode(zone), zoneName, level, severity, measure, threshold);
        }
    }
}
