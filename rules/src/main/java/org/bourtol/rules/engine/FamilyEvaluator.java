package org.bourtol.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams processor of one family: for each input, every rule of the family that applies is
 * evaluated per (rule, key) ({@link Evaluation}: steps and late-data replay, over the {@link Timelines}
 * in {@code <type>-state} and the pending inputs in {@code <type>-pending}); the {@link Signaller}
 * forwards signals keyed by {@code rule|zone} when the verdict changes what the lifecycle knows; every
 * {@link #TICK} the {@link Recheck} re-checks the firing windows at the time {@code now} gives (the
 * latest event time seen); every {@link StateExpiry#SWEEP} silent, non-firing timelines are forgotten.
 * Wired by {@link FamilyTopology}.
 */
final class FamilyEvaluator<P, S> implements Processor<String, Observation, String, Signal> {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyEvaluator.class);
    private static final Duration TICK = Duration.ofSeconds(5);

    private final RulesEnv env;
    private final Family<P, S> family;
    private final String storeName;
    private final String pendingName;
    private final Supplier<Instant> now;
    private DirectoryView view;
    private Evaluation<P, S> evaluation;
    private Recheck<P, S> recheck;

    /** @param now the time of the timed re-check ({@link Instant#EPOCH}: nothing seen yet, no re-check) */
    FamilyEvaluator(RulesEnv env, Family<P, S> family, String storeName, String pendingName, Supplier<Instant> now) {
        this.env = env;
        this.family = family;
        this.storeName = storeName;
        this.pendingName = pendingName;
        this.now = now;
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        view = new DirectoryView(context, env);
        Timelines<S> timelines = new Timelines<>(context.getStateStore(storeName));
        Signaller<P, S> signaller = new Signaller<>(family, view, context::forward);
        evaluation = new Evaluation<>(env, family, view, timelines, context.getStateStore(pendingName), signaller);
        recheck = new Recheck<>(family, view, timelines, evaluation, signaller);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, ts -> tick());
        KeyValueStore<String, Timeline<S>> store = context.getStateStore(storeName);
        KeyValueStore<String, Observation> pending = context.getStateStore(pendingName);
        context.schedule(StateExpiry.SWEEP, PunctuationType.WALL_CLOCK_TIME, ts -> StateExpiry.sweep(store, pending, now.get(), env.stateExpiry()));
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
                    evaluation.evaluate(rule, record.key(), o, record.timestamp());
                } catch (RuntimeException e) {
                    LOG.error("rule evaluation failed [rule: {}, key: {}, observation: {}]", rule.id(), record.key(), o.id(), e);
                }
            }
        }
    }

    private void tick() {
        Instant at = now.get();
        if (!at.equals(Instant.EPOCH)) {
            recheck.run(at);
        }
    }
}
