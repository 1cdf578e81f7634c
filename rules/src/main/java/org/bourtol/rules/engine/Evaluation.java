package org.bourtol.rules.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.bourtol.contracts.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one input of one (rule, key) and keeps the result independent of arrival order within the
 * grace period: an input newer than all others is one step from the {@link Timeline}'s head
 * ({@link #append}); a late one (or the first, or one after a rule change) is inserted in event-time
 * order and every pending input is replayed from the base ({@link #replay}), signalling what in-order
 * data would have signalled. The pending inputs live in the input store the family shares with the
 * families of the same {@link Family#inputs()}, once per key: this class only reads it (an input of
 * the rule from the timeline's horizon on is pending for it); the {@link FamilyEvaluator} adds each input
 * after its evaluations and drops those every timeline of the key has folded. Time is each input's event
 * time; nothing here reads a clock.
 */
final class Evaluation<P, S> {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    private final RulesEnv env;
    private final Family<P, S> family;
    private final DirectoryView view;
    private final Timelines<S> timelines;
    private final PendingInputs pending;
    private final Signaller<P, S> signaller;

    Evaluation(RulesEnv env, Family<P, S> family, DirectoryView view, Timelines<S> timelines, PendingInputs pending,
               Signaller<P, S> signaller) {
        this.env = env;
        this.family = family;
        this.view = view;
        this.timelines = timelines;
        this.pending = pending;
        this.signaller = signaller;
    }

    /**
     * Evaluates {@code o}, not yet in the input store, for {@code rule} and {@code key}; {@code ts} is the record
     * timestamp signals carry. Returns the timeline's horizon afterwards: the inputs of {@code key} older than it are
     * folded into its base.
     */
    Instant evaluate(CompiledRule<P> rule, String key, Observation o, long ts) {
        String skey = rule.id() + "|" + key;
        Timeline<S> tl = timelines.get(skey);
        if (tl.tooLate(o)) {
            if (env.countTooLate() % 1000 == 1) {
                LOG.warn("observation after the grace period ignored (logged once per 1000) [rule: {}, key: {}, observation: {}, observedAt: {}]",
                        rule.id(), key, o.id(), o.observedAt());
            }
            return tl.horizon();
        }
        String version = rule.stateVersion();
        Timeline<S> next = tl.head() != null && version.equals(tl.headRule()) && tl.follows(o)
                ? append(rule, key, tl, o, ts, version)
                : replay(rule, key, tl, o, ts, version);
        timelines.save(skey, next);
        return next.horizon();
    }

    /** The usual case, an input newer than all others: one step from the head, then fold what left the window. */
    private Timeline<S> append(CompiledRule<P> rule, String key, Timeline<S> tl, Observation o, long ts, String version) {
        Step<S> step = step(state(tl.head()), key, o, rule);
        Signaller.Emitted emitted = signaller.signal(rule, key, step.state(), step.verdict(), o, ts, Signaller.Emitted.of(tl), true, null);
        Instant horizon = tl.nextHorizon(o.observedAt(), env.grace());
        S base = null;
        int folded = 0;
        if (horizon.isAfter(tl.horizon()) && pending.anyBefore(key, horizon)) {
            // only the inputs that left the window, from the old horizon to the new one: a range, not a scan of every pending input
            try (KeyValueIterator<String, Observation> it = pending.range(Timeline.pendingBound(key, tl.horizon()),
                    Timeline.pendingBound(key, horizon))) {
                while (it.hasNext()) {
                    Observation in = it.next().value;
                    if (family.applies(rule, key, in)) {
                        base = step(base == null ? state(tl.base()) : base, key, in, rule).state();
                        folded++;
                    }
                }
            }
        }
        return new Timeline<>(base == null ? tl.base() : base, step.state(), version, horizon, o.observedAt(), o.id(),
                Math.max(0, tl.pendingCount() + 1 - folded), emitted);
    }

    /**
     * A late input (or the first one, or one after a rule change): insert it in event-time order and
     * replay every pending input from the base, signalling what in-order data would have signalled.
     */
    private Timeline<S> replay(CompiledRule<P> rule, String key, Timeline<S> tl, Observation o, long ts, String version) {
        List<Observation> inputs = new ArrayList<>(pendingOf(rule, key, tl));
        inputs.add(o);
        inputs = Timeline.sorted(inputs);
        Instant horizon = tl.nextHorizon(inputs.get(inputs.size() - 1).observedAt(), env.grace());
        S state = state(tl.base());
        S base = state;
        Signaller.Emitted emitted = Signaller.Emitted.of(tl);
        int inserted = inputs.indexOf(o);
        int count = 0;
        Run run = new Run();
        for (int i = 0; i < inputs.size(); i++) {
            Observation in = inputs.get(i);
            Step<S> step = step(state, key, in, rule);
            state = step.state();
            run.add(in, step.verdict());
            if (i >= inserted) {
                // a late input replays the later ones: what in-order data would have signalled is signalled now
                boolean last = i == inputs.size() - 1;
                Signaller.Emitted before = emitted;
                // on the last step after a late input, a fire carries the run's onset and evidence
                emitted = signaller.signal(rule, key, state, step.verdict(), in, ts, emitted, last, last && i > inserted ? run : null);
                if (last && emitted == before && i > inserted && emitted.fired() && step.verdict() instanceof Verdict.Fire fire) {
                    emitted = signaller.joined(rule, key, state, fire, in, run, emitted, ts);
                }
            }
            if (in.observedAt().isBefore(horizon)) {
                base = state;
            } else {
                count++;
            }
        }
        Observation newest = inputs.get(inputs.size() - 1);
        return new Timeline<>(base, state, version, horizon, newest.observedAt(), newest.id(), count, emitted);
    }

    /** The state after every input of a (rule, key), replayed when the rule changed since the head was computed. */
    S current(Timeline<S> tl, CompiledRule<P> rule, String key) {
        if (tl.head() != null && rule.stateVersion().equals(tl.headRule())) {
            return state(tl.head());
        }
        S state = state(tl.base());
        for (Observation in : pendingOf(rule, key, tl)) {
            state = step(state, key, in, rule).state();
        }
        return state;
    }

    private Step<S> step(S state, String key, Observation in, CompiledRule<P> rule) {
        if (rule.inSeason(in.observedAt())) {
            return family.step(state, key, in, rule, view.zones(), in.observedAt());
        }
        return new Step<>(family.initial(), Verdict.CLEAR);
    }

    /** A stored state, or the family's initial state when there is none. */
    private S state(S stored) {
        return stored == null ? family.initial() : stored;
    }

    /** The inputs of {@code key} pending for the timeline: the rule's, from its horizon on, in event-time order. */
    private List<Observation> pendingOf(CompiledRule<P> rule, String key, Timeline<S> tl) {
        List<Observation> out = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = pending.range(Timeline.pendingBound(key, tl.horizon()), Timeline.pendingEnd(key))) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && family.applies(rule, key, kv.value)) {
                    out.add(kv.value);
                }
            });
        }
        return out;
    }
}
