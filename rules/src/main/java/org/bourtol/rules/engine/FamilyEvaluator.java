package org.bourtol.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams processor of the families that share one input store ({@link Family#inputs()}): for each
 * input, every rule of each family that applies is evaluated per (rule, key) ({@link Evaluation}: steps and
 * late-data replay, over the {@link Timelines} in {@code <type>-state}); the input is then kept once in
 * {@code <inputs>-inputs} while some timeline of its key may still need it, and the inputs every timeline of
 * the key has folded into its base are dropped. The {@link Signaller} forwards signals keyed by
 * {@code rule|zone} when the verdict changes what the lifecycle knows; every {@link #TICK} the {@link Recheck}
 * re-checks the firing windows at the time {@code now} gives (the latest event time seen); every
 * {@link StateExpiry#SWEEP} silent, non-firing timelines are forgotten, and the inputs of a key once no timeline
 * of it is left. Wired by {@link FamilyTopology}.
 */
final class FamilyEvaluator implements Processor<String, Observation, String, Signal> {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyEvaluator.class);
    private static final Duration TICK = Duration.ofSeconds(5);

    private final RulesEnv env;
    private final List<Family<?, ?>> families;
    private final String inputsName;
    private final Supplier<Instant> now;
    private final List<Member<?, ?>> members = new ArrayList<>();
    private KeyValueStore<String, Observation> inputs;

    /** @param now the time of the timed re-check ({@link Instant#EPOCH}: nothing seen yet, no re-check) */
    FamilyEvaluator(RulesEnv env, List<Family<?, ?>> families, String inputsName, Supplier<Instant> now) {
        this.env = env;
        this.families = families;
        this.inputsName = inputsName;
        this.now = now;
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        DirectoryView view = new DirectoryView(context, env);
        inputs = context.getStateStore(inputsName);
        members.clear();
        families.forEach(f -> members.add(Member.of(f, env, view, context, inputs)));
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, ts -> tick());
        context.schedule(StateExpiry.SWEEP, PunctuationType.WALL_CLOCK_TIME, ts -> sweep());
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        String key = record.key();
        if (o == null || key == null) {
            return;
        }
        env.observe(o.observedAt());
        String pkey = Timeline.pendingKey(key, o);
        if (inputs.get(pkey) != null) {
            return; // redelivered input: already evaluated
        }
        Instant floor = null;
        boolean taken = false;
        for (Member<?, ?> m : members) {
            Member.Result r = m.process(key, o, record.timestamp());
            taken |= r.taken();
            if (r.floor() != null && (floor == null || r.floor().isBefore(floor))) {
                floor = r.floor();
            }
        }
        if (!taken) {
            return;
        }
        if (floor == null || !o.observedAt().isBefore(floor)) {
            inputs.put(pkey, o);
        }
        if (floor != null) {
            drop(key, floor);
        }
    }

    /**
     * Drops the inputs of {@code key} older than {@code floor} (all of them when null): every timeline of the key has
     * folded them (tombstone puts).
     */
    private void drop(String key, Instant floor) {
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = inputs.range(Timeline.pendingPrefix(key),
                floor == null ? Timeline.pendingEnd(key) : Timeline.pendingBound(key, floor))) {
            it.forEachRemaining(kv -> gone.add(kv.key));
        }
        gone.forEach(k -> inputs.put(k, null));
    }

    private void tick() {
        Instant at = now.get();
        if (!at.equals(Instant.EPOCH)) {
            members.forEach(m -> m.recheck.run(at));
        }
    }

    /** Forgets silent timelines, then the inputs of each key they were for once no timeline of the key is left. */
    private void sweep() {
        Set<String> keys = new HashSet<>();
        members.forEach(m -> keys.addAll(StateExpiry.sweep(m.store, now.get(), env.stateExpiry())));
        for (String key : keys) {
            if (members.stream().noneMatch(m -> m.hasTimeline(key))) {
                drop(key, null);
            }
        }
    }

    /** One family of the processor, with its timelines and evaluation. */
    private record Member<P, S>(Family<P, S> family, DirectoryView view, KeyValueStore<String, Timeline<S>> store, Timelines<S> timelines,
            Evaluation<P, S> evaluation, Recheck<P, S> recheck) {

        /** Whether a rule of the member took the input, and the oldest horizon of the key's timelines in it (null: none). */
        record Result(boolean taken, Instant floor) {
        }

        static <P, S> Member<P, S> of(Family<P, S> family, RulesEnv env, DirectoryView view, ProcessorContext<String, Signal> context,
                                      KeyValueStore<String, Observation> inputs) {
            KeyValueStore<String, Timeline<S>> store = context.getStateStore(family.type() + "-state");
            Timelines<S> timelines = new Timelines<>(store);
            Signaller<P, S> signaller = new Signaller<>(family, view, context::forward);
            Evaluation<P, S> evaluation = new Evaluation<>(env, family, view, timelines, inputs, signaller);
            return new Member<>(family, view, store, timelines, evaluation, new Recheck<>(family, view, timelines, evaluation, signaller));
        }

        Result process(String key, Observation o, long ts) {
            boolean taken = false;
            Instant floor = null;
            for (CompiledRule<P> rule : view.rules(family)) {
                Instant horizon = null;
                if (family.applies(rule, key, o)) {
                    taken = true;
                    try {
                        horizon = evaluation.evaluate(rule, key, o, ts);
                    } catch (RuntimeException e) {
                        LOG.error("rule evaluation failed [rule: {}, key: {}, observation: {}]", rule.id(), key, o.id(), e);
                        horizon = timelines.horizon(rule.id() + "|" + key);
                    }
                } else {
                    // a rule that does not take this input may still need the key's older ones
                    horizon = timelines.horizon(rule.id() + "|" + key);
                }
                if (horizon != null && (floor == null || horizon.isBefore(floor))) {
                    floor = horizon;
                }
            }
            return new Result(taken, floor);
        }

        boolean hasTimeline(String key) {
            return view.rules(family).stream().anyMatch(r -> store.get(r.id() + "|" + key) != null);
        }
    }
}
