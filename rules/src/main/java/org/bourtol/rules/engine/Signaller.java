package org.bourtol.rules.engine;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Record;
import org.bourtol.contracts.observation.Observation;

/**
 * Tells the alert lifecycle what a (rule, key)'s verdicts change: a fire, a clear, or a fire moving to
 * another zone, as {@link Signal}s keyed {@code rule|zone}. {@link Emitted} (kept in the {@link Timeline})
 * is what the lifecycle was last told, so an unchanged verdict sends nothing.
 */
final class Signaller<P, S> {

    /** What the lifecycle was last told for this (rule, key). */
    record Emitted(boolean fired, String alertZone, String lastFire) {
        static final Emitted NONE = new Emitted(false, null, null);

        static Emitted of(Timeline<?> tl) {
            return new Emitted(tl.fired(), tl.alertZone(), tl.lastFire());
        }
    }

    private final Family<P, S> family;
    private final DirectoryView view;
    private final Consumer<Record<String, Signal>> out;

    Signaller(Family<P, S> family, DirectoryView view, Consumer<Record<String, Signal>> out) {
        this.family = family;
        this.view = view;
        this.out = out;
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
            clear(rule.id(), now.alertZone(), key, in.observedAt(), ts);
            now = Emitted.NONE;
        }
        if (verdict instanceof Verdict.Fire fire && zone != null) {
            String fingerprint = zone + "/" + fire.level() + "/" + fire.severity() + "/" + fire.measure();
            if (!now.fired() || (last && !fingerprint.equals(now.lastFire()))) {
                Signal s = fireSignal(rule, zone, key, fire, in);
                if (now.fired() && onset != null && onset.since() != null) {
                    s = s.withOnset(onset.since(), onset.evidence());
                }
                forward(s, ts);
                now = new Emitted(true, zone, fingerprint);
            }
        }
        return now;
    }

    /**
     * The alert goes on unchanged but a late input joined its run: sends the run's onset and evidence
     * (when the fire is still in the zone the lifecycle knows).
     */
    void joined(CompiledRule<P> rule, String key, S state, Verdict.Fire fire, Observation in, Run run, Emitted emitted, long ts) {
        String zone = family.alertZone(rule, key, state, view.zones());
        if (zone != null && zone.equals(emitted.alertZone())) {
            forward(fireSignal(rule, zone, key, fire, in).withOnset(run.since(), run.evidence()), ts);
        }
    }

    /** {@code source} no longer fires rule {@code ruleId} in {@code zone}, at event time {@code at}. */
    void clear(String ruleId, String zone, String source, Instant at, long ts) {
        forward(Signal.clear(ruleId, family.type(), family.hazard(), zone, source, at), ts);
    }

    private Signal fireSignal(CompiledRule<P> rule, String zone, String source, Verdict.Fire fire, Observation o) {
        Map<String, String> headline = family.headline(rule, view.zones().name(zone), view.zones().zone(zone).orElse(null), fire);
        return Signal.fire(rule.id(), family.type(), family.hazard(), zone, source, fire.level(),
                fire.severity() != null ? fire.severity() : family.severity(rule, fire.level()), headline, fire.evidence(), o.observedAt());
    }

    private void forward(Signal s, long ts) {
        out.accept(new Record<>(s.key(), s, ts));
    }
}
