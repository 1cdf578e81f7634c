package org.bourtol.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams processor of the families that share one input store ({@link Family#inputs()}): for each
 * input, every rule of each family that applies is evaluated per (rule, key) ({@link Evaluation}: steps and
 * late-data replay, over the {@link Timelines} in {@code <type>-state}); the input is then kept once in
 * {@code <inputs>-inputs} while some timeline of its key may still need it, and the inputs every timeline that
 * takes them has folded into its base are dropped. The {@link Signaller} forwards signals keyed by
 * {@code rule|zone} when the verdict changes what the lifecycle knows; every {@link #TICK} the {@link Recheck}
 * re-checks the firing windows at the time {@code now} gives (the latest event time seen); every
 * {@link StateExpiry#SWEEP}, once event time has moved on by a tenth of the silence since the last sweep
 * ({@link StateExpiry#due}), silent, non-firing timelines are forgotten, and the inputs of a key once no timeline
 * of it is left. Wired by {@link FamilyTopology}.
 */
final class FamilyEvaluator implements Processor<String, Observation, String, Signal> {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyEvaluator.class);
    private static final Duration TICK = Duration.ofSeconds(5);
    /** Timelines per family kept parsed ({@link ObjectCache}): the keys that report most often are read back without parsing. */
    private static final int CACHED_TIMELINES = 4096;

    private final RulesEnv env;
    private final List<Family<?, ?>> families;
    private final String inputsName;
    /** The group's name when its inputs are recovered from the observations topic ({@link InputRecovery}), else null. */
    private final String recoveredName;
    private InputRecovery recovery;
    private final Supplier<Instant> now;
    private final List<Member<?, ?>> members = new ArrayList<>();
    private ProcessorContext<String, Signal> context;
    private PendingInputs inputs;
    /** The event time of the last state-expiry sweep ({@link Instant#EPOCH}: none yet in this task). */
    private Instant lastSweep = Instant.EPOCH;

    /** @param now the time of the timed re-check ({@link Instant#EPOCH}: nothing seen yet, no re-check) */
    FamilyEvaluator(RulesEnv env, List<Family<?, ?>> families, String inputsName, String recoveredName, Supplier<Instant> now) {
        this.env = env;
        this.families = families;
        this.inputsName = inputsName;
        this.recoveredName = recoveredName;
        this.now = now;
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        this.context = context;
        DirectoryView view = new DirectoryView(context, env);
        inputs = new PendingInputs(context.getStateStore(inputsName));
        members.clear();
        lastSweep = Instant.EPOCH;
        // held firings go at the task's commits, once due (BeforeCommit); a punctuation runs only while some wait (an
        // idle task commits no transactions), to keep the task committing; where there are no commits to join (a
        // test's mock context) the punctuation sends them
        boolean atCommit = !env.updateInterval().isZero() && BeforeCommit.register(context,
                now -> members.forEach(m -> m.sendDue(now)), families.stream().map(f -> f.type() + "-state").toList());
        OnDemandPunctuation sender = BeforeCommit.sender(context, env.updateInterval(), atCommit,
                () -> members.stream().anyMatch(m -> m.signaller().waiting()), ts -> sendWaiting());
        families.forEach(f -> members.add(Member.of(f, env, view, context, inputs, sender::request)));
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, ts -> tick());
        context.schedule(StateExpiry.SWEEP, PunctuationType.WALL_CLOCK_TIME, ts -> sweep());
        if (recoveredName != null) {
            recovery = new InputRecovery(context.getStateStore(recoveredName + "-aged"), context.getStateStore(recoveredName + "-from"));
            recovery.restore(context, inputs, this::needed,
                    env.inputsLoggedBefore(inputsName) ? context.applicationId() + "-" + inputsName + "-changelog" : null);
        }
        if (!env.updateInterval().isZero()) {
            // firings held when this task last stopped (their timelines say so): sent at the first commit
            members.forEach(Member::findWaiting);
        }
    }

    /** Sends every held firing; false when none waited. */
    private boolean sendWaiting() {
        boolean any = false;
        for (Member<?, ?> m : members) {
            any |= m.sendWaiting();
        }
        return any;
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        String key = record.key();
        if (o == null || key == null) {
            return;
        }
        env.observe(o.observedAt());
        env.taking(o.receivedAt(), context.currentSystemTimeMs());
        if (inputs.contains(key, o)) {
            return; // redelivered input: already evaluated
        }
        List<Hold> holds = new ArrayList<>();
        boolean taken = false;
        for (Member<?, ?> m : members) {
            taken |= m.process(key, o, record.timestamp(), holds);
        }
        if (!taken) {
            return;
        }
        Instant oldest = null;
        Instant newest = null;
        for (Hold h : holds) {
            oldest = oldest == null || h.horizon().isBefore(oldest) ? h.horizon() : oldest;
            newest = newest == null || h.horizon().isAfter(newest) ? h.horizon() : newest;
        }
        long offset = recovery == null ? -1 : context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        if (oldest == null || !o.observedAt().isBefore(oldest)) {
            String storeKey = inputs.add(key, o);
            if (offset >= 0) {
                recovery.added(storeKey, offset, context.currentSystemTimeMs());
            }
        }
        if (oldest != null) {
            drop(key, holds, oldest, newest);
        }
        if (offset >= 0) {
            recovery.age(offset, context.currentSystemTimeMs(), inputs::get);
        }
    }

    /**
     * True when a timeline of {@code key} still needs {@code o} (a rule of its that takes it has a horizon not after it):
     * what a restarted task puts back of the records read again, the inputs the evaluator's drop would keep.
     */
    private boolean needed(String key, Observation o) {
        for (Member<?, ?> m : members) {
            if (m.needs(key, o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops the inputs of {@code key} that every timeline taking them has folded into its base (tombstone puts): all
     * those older than the oldest horizon, and older ones than the newest horizon that no timeline with an older
     * horizon takes (a rain rule whose readings stopped does not hold back the station's gauge readings).
     */
    private void drop(String key, List<Hold> holds, Instant oldest, Instant newest) {
        if (!inputs.anyBefore(key, newest)) {
            return; // every input of the key is inside every horizon: none to drop
        }
        drop(key, Timeline.pendingBound(key, newest), in -> in.observedAt().isBefore(oldest)
                || holds.stream().noneMatch(h -> !in.observedAt().isBefore(h.horizon()) && h.takes().test(in)));
    }

    /** Drops every input of {@code key} (tombstone puts). */
    private void dropAll(String key) {
        drop(key, Timeline.pendingEnd(key), in -> true);
    }

    /** Drops the inputs of {@code key} below the input-store key {@code bound} that {@code gone} accepts (tombstone puts). */
    private void drop(String key, String bound, Predicate<Observation> gone) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = inputs.range(Timeline.pendingPrefix(key), bound)) {
            while (it.hasNext()) {
                KeyValue<String, Observation> kv = it.next();
                if (kv.value != null && gone.test(kv.value)) {
                    keys.add(kv.key);
                }
            }
        }
        inputs.drop(key, keys);
        if (recovery != null) {
            keys.forEach(recovery::dropped);
        }
    }

    private void tick() {
        Instant at = now.get();
        if (!at.equals(Instant.EPOCH)) {
            members.forEach(m -> m.recheck.run(at));
        }
        if (recovery != null) {
            recovery.age(-1, context.currentSystemTimeMs(), inputs::get);
        }
    }

    /**
     * Forgets silent timelines, then the inputs of each key they were for once no timeline of the key is left; when
     * {@link StateExpiry#due}.
     */
    private void sweep() {
        Instant at = now.get();
        if (!StateExpiry.due(lastSweep, at, env.stateExpiry())) {
            return;
        }
        lastSweep = at;
        Set<String> keys = new HashSet<>();
        members.forEach(m -> keys.addAll(StateExpiry.sweep(m.store, at, env.stateExpiry())));
        for (String key : keys) {
            if (members.stream().noneMatch(m -> m.hasTimeline(key))) {
                dropAll(key);
            }
        }
    }

    /** A timeline of the key being processed: its horizon, and which inputs its rule takes. */
    private record Hold(Instant horizon, Predicate<Observation> takes) {
    }

    /** One family of the processor, with its timelines and evaluation. */
    private record Member<P, S>(Family<P, S> family, DirectoryView view, KeyValueStore<String, Timeline<S>> store, Timelines<S> timelines,
            Signaller<P, S> signaller, Evaluation<P, S> evaluation, Recheck<P, S> recheck) {

        static <P, S> Member<P, S> of(Family<P, S> family, RulesEnv env, DirectoryView view, ProcessorContext<String, Signal> context,
                                      PendingInputs inputs, Runnable held) {
            KeyValueStore<String, Timeline<S>> store = new ObjectCache<>(context.getStateStore(family.type() + "-state"), CACHED_TIMELINES);
            Timelines<S> timelines = new Timelines<>(store);
            Signaller<P, S> signaller = new Signaller<>(family, view, context::forward, env.updateInterval(), context::currentSystemTimeMs, held);
            Evaluation<P, S> evaluation = new Evaluation<>(env, family, view, timelines, inputs, signaller);
            return new Member<>(family, view, store, timelines, signaller, evaluation,
                    new Recheck<>(family, view, timelines, evaluation, signaller));
        }

        boolean sendWaiting() {
            return signaller.sendWaiting(timelines);
        }

        void sendDue(long now) {
            signaller.sendDue(timelines, now);
        }

        /**
         * Notes the timelines that hold an unsent firing (after a restart): firing ones only (a held firing is sent before
         * its source clears), read through the index of firing timelines the timed re-check builds anyway.
         */
        void findWaiting() {
            for (String skey : timelines.firing()) {
                if (timelines.get(skey).unsent() != null) {
                    signaller.waits(skey);
                }
            }
        }

        /**
         * Evaluates {@code o} for every rule of the family that takes it; adds to {@code holds} the horizon of each of the
         * key's timelines (also of rules that do not take {@code o}: they may replay older inputs). True when a rule took it.
         */
        boolean process(String key, Observation o, long ts, List<Hold> holds) {
            boolean taken = false;
            for (CompiledRule<P> rule : view.rules(family)) {
                Instant horizon;
                if (family.applies(rule, key, o)) {
                    taken = true;
                    try {
                        horizon = evaluation.evaluate(rule, key, o, ts);
                    } catch (RuntimeException e) {
                        LOG.error("rule evaluation failed [rule: {}, key: {}, observation: {}]", rule.id(), key, o.id(), e);
                        horizon = timelines.horizon(rule.id() + "|" + key);
                    }
                } else {
                    horizon = timelines.horizon(rule.id() + "|" + key);
                }
                if (horizon != null) {
                    holds.add(new Hold(horizon, in -> family.applies(rule, key, in)));
                }
            }
            return taken;
        }

        boolean needs(String key, Observation o) {
            for (CompiledRule<P> rule : view.rules(family)) {
                if (family.applies(rule, key, o)) {
                    Instant horizon = timelines.horizon(rule.id() + "|" + key);
                    if (horizon != null && !o.observedAt().isBefore(horizon)) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean hasTimeline(String key) {
            return view.rules(family).stream().anyMatch(r -> store.get(r.id() + "|" + key) != null);
        }
    }
}
