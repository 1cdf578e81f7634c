package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one family's rules for each input, per (rule, key), with a {@link Timeline} in the
 * {@code <type>-state} store and the pending inputs in {@code <type>-pending}, and forwards signals keyed
 * by {@code rule|zone} when the verdict changes what the lifecycle knows. Wired by {@link FamilyTopology}.
 */
final class FamilyEvaluator<P, S> implements Processor<String, Observation, String, Signal> {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyEvaluator.class);
    private static final java.time.Duration TICK = java.time.Duration.ofSeconds(5);
    private static final StringSerializer KEYS = new StringSerializer();
    /** The order of an in-memory store's keys: their UTF-8 bytes, unsigned. */
    private static final java.util.Comparator<String> STORE_ORDER = (a, b) -> java.util.Arrays.compareUnsigned(
            a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final RulesEnv env;
    private final Family<P, S> family;
    private final String storeName;
    private final String pendingName;
    private ProcessorContext<String, Signal> context;
    private KeyValueStore<String, Timeline> store;
    private KeyValueStore<String, Observation> pending;
    private DirectoryView view;
    /**
     * The state keys whose timeline has fired, in the store's (byte) order: what {@link #tick} re-checks, so that a tick
     * reads the few firing timelines instead of deserialising every one. Read from the store on the first tick after
     * {@link #init} (the store is restored by then), then kept by {@link #save}.
     */
    private java.util.NavigableSet<String> firing;

    FamilyEvaluator(RulesEnv env, Family<P, S> family, String storeName, String pendingName) {
        this.env = env;
        this.family = family;
        this.storeName = storeName;
        this.pendingName = pendingName;
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.pending = context.getStateStore(pendingName);
        this.view = new DirectoryView(context, env);
        this.firing = null;
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, ts -> tick(ts));
        context.schedule(StateExpiry.SWEEP, PunctuationType.WALL_CLOCK_TIME,
                ts -> StateExpiry.sweep(store, pending, env.eventTime(), env.stateExpiry()));
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        if (o == null || record.key() == null) {
            return;
        }
        env.observe(o.observedAt());
        for (CompiledRule<P> rule : view.rules(family)) {
            if (family.applies(rule, record.key(), o)) {
                try {
                    evaluate(rule, record.key(), o, record.timestamp());
                } catch (RuntimeException e) {
                    LOG.error("rule evaluation failed [rule: {}, key: {}, observation: {}]", rule.id(), record.key(), o.id(), e);
                }
            }
        }
    }

    private void evaluate(CompiledRule<P> rule, String key, Observation o, long ts) {
        String skey = rule.id() + "|" + key;
        Timeline tl = Objects.requireNonNullElse(store.get(skey), Timeline.empty());
        if (tl.tooLate(o)) {
            if (env.countTooLate() % 1000 == 1) {
                LOG.warn("observation after the grace period ignored (logged once per 1000) [rule: {}, key: {}, observation: {}, observedAt: {}]",
                        rule.id(), key, o.id(), o.observedAt());
            }
            return;
        }
        String pkey = Timeline.pendingKey(skey, o);
        boolean follows = tl.follows(o);
        // every pending input is at or before the newest, so one that follows all of them cannot be pending
        if (!follows && pending.get(pkey) != null) {
            return; // redelivered input: already evaluated
        }
        String version = version(rule);
        if (tl.head() != null && version.equals(tl.headRule()) && follows) {
            append(rule, key, skey, pkey, tl, o, ts, version);
        } else {
            replay(rule, key, skey, pkey, tl, o, ts, version);
        }
    }

    /** The usual case, an input newer than all others: one step from the head, then fold what left the window. */
    private void append(CompiledRule<P> rule, String key, String skey, String pkey, Timeline tl, Observation o, long ts,
                        String version) {
        Step<S> step = step(state(tl.head()), key, o, rule);
        Emitted emitted = signal(rule, key, step.state(), step.verdict(), o, ts,
                new Emitted(tl.fired(), tl.alertZone(), tl.lastFire()), true, null);
        pending.put(pkey, o);
        Instant horizon = tl.nextHorizon(o.observedAt(), env.grace());
        S base = null;
        List<String> folded = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = pending.prefixScan(Timeline.pendingPrefix(skey), KEYS)) {
            // the key tells the input's event time: stop before reading the first one inside the window
            while (it.hasNext() && Timeline.pendingBefore(skey, it.peekNextKey(), horizon)) {
                KeyValue<String, Observation> kv = it.next();
                base = step(base == null ? state(tl.base()) : base, key, kv.value, rule).state();
                folded.add(kv.key);
            }
        }
        folded.forEach(this::unpend);
        save(skey, new Timeline(base == null ? tl.base() : Json.MAPPER.valueToTree(base), Json.MAPPER.valueToTree(step.state()),
                version, horizon, o.observedAt(), o.id(), tl.pendingCount() + 1 - folded.size(),
                emitted.fired(), emitted.alertZone(), emitted.lastFire()));
    }

    /**
     * A late input (or the first one, or one after a rule change): insert it in event-time order and
     * replay every pending input from the base, signalling what in-order data would have signalled.
     */
    private void replay(CompiledRule<P> rule, String key, String skey, String pkey, Timeline tl, Observation o, long ts,
                        String version) {
        List<Observation> kept = pendingOf(skey);
        List<Observation> inputs = new ArrayList<>(kept);
        inputs.add(o);
        inputs = Timeline.sorted(inputs);
        Instant horizon = tl.nextHorizon(inputs.get(inputs.size() - 1).observedAt(), env.grace());
        S state = state(tl.base());
        S base = state;
        Emitted emitted = new Emitted(tl.fired(), tl.alertZone(), tl.lastFire());
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
                Emitted before = emitted;
                // on the last step after a late input, a fire carries the run's onset and evidence
                emitted = signal(rule, key, state, step.verdict(), in, ts, emitted, last, last && i > inserted ? run : null);
                if (last && emitted == before && i > inserted && emitted.fired() && step.verdict() instanceof Verdict.Fire fire) {
                    // the alert goes on unchanged, but a late input joined its run: send its evidence and onset
                    String zone = family.alertZone(rule, key, state, view.zones());
                    if (zone != null && zone.equals(emitted.alertZone())) {
                        Signal s = fireSignal(rule, zone, key, fire, in).withOnset(run.since(), run.evidence());
                        context.forward(new Record<>(s.key(), s, ts));
                    }
                }
            }
            if (in.observedAt().isBefore(horizon)) {
                base = state;
                if (in != o) {
                    unpend(Timeline.pendingKey(skey, in));
                }
            } else {
                count++;
                if (in == o) {
                    pending.put(pkey, o);
                }
            }
        }
        Observation newest = inputs.get(inputs.size() - 1);
        save(skey, new Timeline(Json.MAPPER.valueToTree(base), Json.MAPPER.valueToTree(state), version, horizon,
                newest.observedAt(), newest.id(), count, emitted.fired(), emitted.alertZone(), emitted.lastFire()));
    }

    /** Writes a (rule, key)'s timeline, keeping the index of firing ones that {@link #tick} re-checks up to date. */
    private void save(String skey, Timeline tl) {
        store.put(skey, tl);
        if (firing != null) {
            if (tl.fired()) {
                firing.add(skey);
            } else {
                firing.remove(skey);
            }
        }
    }

    /** Removes a pending input (a tombstone put: unlike {@code delete}, it does not read the old value back). */
    private void unpend(String pkey) {
        pending.put(pkey, null);
    }

    private Step<S> step(S state, String key, Observation in, CompiledRule<P> rule) {
        if (rule.inSeason(in.observedAt())) {
            return family.step(state, key, in, rule, view.zones(), in.observedAt());
        }
        return new Step<>(family.initial(), Verdict.CLEAR);
    }

    private S state(JsonNode json) {
        return json == null ? family.initial() : Json.MAPPER.convertValue(json, family.stateType());
    }

    private List<Observation> pendingOf(String skey) {
        List<Observation> out = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = pending.prefixScan(Timeline.pendingPrefix(skey), KEYS)) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** Identifies the rule version a head state was computed under (a change replays the window). */
    private static String version(CompiledRule<?> rule) {
        return rule.doc().version() + ":" + Objects.hash(rule.doc().params(), rule.doc().seasons(), rule.doc().zones(),
                rule.doc().severity(), rule.doc().enabled());
    }

    /**
     * Windows expire without new input: every firing (rule, key) is re-checked at the latest event
     * time seen; a rule that was deleted or disabled clears its alerts.
     */
    private void tick(long wallClock) {
        Instant now = env.eventTime();
        if (now.equals(Instant.EPOCH)) {
            return;
        }
        Map<String, CompiledRule<P>> rules = new java.util.HashMap<>();
        view.rules(family).forEach(r -> rules.put(r.id(), r));
        if (firing == null) {
            firing = new java.util.TreeSet<>(STORE_ORDER);
            try (var it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null && kv.value.fired()) {
                        firing.add(kv.key);
                    }
                });
            }
        }
        for (String skey : List.copyOf(firing)) {
            Timeline tl = store.get(skey);
            int bar = skey.indexOf('|');
            CompiledRule<P> rule = rules.get(skey.substring(0, bar));
            String key = skey.substring(bar + 1);
            Verdict v = rule == null ? Verdict.CLEAR : family.tick(current(tl, rule, skey, key), key, rule, view.zones(), now);
            if (v != null && !(v instanceof Verdict.Fire)) {
                Signal s = new Signal(skey.substring(0, bar), family.type(), family.hazard(), tl.alertZone(), key, false,
                        null, null, null, null, now, null);
                context.forward(new Record<>(s.key(), s, now.toEpochMilli()));
                save(skey, tl.withVerdict(false, null, null));
            }
        }
    }

    /** The state after every input, replayed when the rule changed since the head was computed. */
    private S current(Timeline tl, CompiledRule<P> rule, String skey, String key) {
        if (tl.head() != null && version(rule).equals(tl.headRule())) {
            return state(tl.head());
        }
        S state = state(tl.base());
        for (Observation in : pendingOf(skey)) {
            state = step(state, key, in, rule).state();
        }
        return state;
    }

    /** What the lifecycle was last told for this (rule, key). */
    private record Emitted(boolean fired, String alertZone, String lastFire) {
    }

    /**
     * Signals the change from {@code before} to this verdict: a clear (or a move to another zone) and a
     * fire. Intermediate replay steps signal only firing/clearing; the last one also new levels or values.
     * {@code onset} (nullable): the replayed run of fires, sent with a fire so that a late input that
     * joined an active alert's run moves its {@code raisedAt} back even when the fire also changed.
     */
    private Emitted signal(CompiledRule<P> rule, String key, S state, Verdict verdict, Observation in, long ts,
                           Emitted before, boolean last, Run onset) {
        String zone = family.alertZone(rule, key, state, view.zones());
        Emitted now = before;
        if (now.fired() && now.alertZone() != null
                && (!(verdict instanceof Verdict.Fire) || !now.alertZone().equals(zone))) {
            forward(rule, now.alertZone(), key, null, in, ts);
            now = new Emitted(false, null, null);
        }
        if (verdict instanceof Verdict.Fire fire && zone != null) {
            String fingerprint = zone + "/" + fire.level() + "/" + fire.severity() + "/" + fire.measure();
            if (!now.fired() || (last && !fingerprint.equals(now.lastFire()))) {
                if (now.fired() && onset != null && onset.since() != null) {
                    Signal s = fireSignal(rule, zone, key, fire, in).withOnset(onset.since(), onset.evidence());
                    context.forward(new Record<>(s.key(), s, ts));
                } else {
                    forward(rule, zone, key, fire, in, ts);
                }
                now = new Emitted(true, zone, fingerprint);
            }
        }
        return now;
    }

    private void forward(CompiledRule<P> rule, String zone, String source, Verdict.Fire fire, Observation o, long ts) {
        Signal s;
        if (fire == null) {
            s = new Signal(rule.id(), family.type(), family.hazard(), zone, source, false, null, null, null, null,
                    o.observedAt(), null);
        } else {
            s = fireSignal(rule, zone, source, fire, o);
        }
        context.forward(new Record<>(s.key(), s, ts));
    }

    private Signal fireSignal(CompiledRule<P> rule, String zone, String source, Verdict.Fire fire, Observation o) {
        Map<String, String> headline = family.headline(rule, view.zones().name(zone), view.zones().zone(zone).orElse(null), fire);
        return new Signal(rule.id(), family.type(), family.hazard(), zone, source, true, fire.level(),
                fire.severity() != null ? fire.severity() : family.severity(rule, fire.level()),
                headline, fire.evidence(), o.observedAt(), null);
    }

    /** The current run of firing verdicts in a replay: when it began and the evidence of its steps. */
    private static final class Run {
        private Instant since;
        private final java.util.LinkedHashMap<String, org.bourtol.contracts.alert.Evidence> evidence = new java.util.LinkedHashMap<>();

        void add(Observation in, Verdict verdict) {
            if (verdict instanceof Verdict.Fire fire) {
                if (since == null) {
                    since = in.observedAt();
                }
                if (fire.evidence() != null) {
                    fire.evidence().forEach(e -> evidence.put(e.observationId(), e));
                }
            } else {
                since = null;
                evidence.clear();
            }
        }

        Instant since() {
            return since;
        }

        List<org.bourtol.contracts.alert.Evidence> evidence() {
            return List.copyOf(evidence.values());
        }
    }
}
