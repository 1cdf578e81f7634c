package org.bourtol.rules.engine;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;

/**
 * Wires one {@link Family} into the topology: (for zone aggregations) re-key observations by zone,
 * then evaluate every enabled rule of the family per (rule, key) with a {@link Timeline} in a named
 * store ({@code <type>-state}), and emit {@link Signal}s for the lifecycle when the verdict changes
 * what the lifecycle knows.
 */
public final class FamilyTopology {

    private FamilyTopology() {
    }

    public static <P, S> KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env,
                                                       Family<P, S> family) {
        String store = family.type() + "-state";
        String pendingStore = family.type() + "-pending";
        StoreBuilder<KeyValueStore<String, Timeline<S>>> sb = env.store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store),
                Serdes.String(), Timeline.serde(family.stateType())));
        StoreBuilder<KeyValueStore<String, Observation>> pb = env.store(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(pendingStore), Serdes.String(), Topics.OBSERVATIONS.valueSerde()));
        KStream<String, Observation> input = observations;
        if (family.keyedByZone()) {
            input = observations
                    .process(() -> new ZoneRouter<>(env, family), Named.as(family.type() + "-route"))
                    .repartition(Repartitioned.<String, Observation>as(family.type() + "-by-zone")
                            .withKeySerde(Serdes.String()).withValueSerde(Topics.OBSERVATIONS.valueSerde()));
        }
        return input.process(new ProcessorSupplier<String, Observation, String, Signal>() {
            @Override
            public Processor<String, Observation, String, Signal> get() {
                return new FamilyEvaluator<>(env, family, store, pendingStore, env::eventTime);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(sb, pb);
            }
        }, Named.as(family.type() + "-evaluate"));
    }

    /** Re-keys an observation by each zone of this family's rules it counts for. */
    private static final class ZoneRouter<P> extends DirectoryProcessor<String, Observation, String, Observation> {
        private final Family<P, ?> family;

        ZoneRouter(RulesEnv env, Family<P, ?> family) {
            super(env);
            this.family = family;
        }

        @Override
        public void process(Record<String, Observation> record) {
            if (record.value() == null) {
                return;
            }
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            for (CompiledRule<P> rule : view().rules(family)) {
                keys.addAll(family.zonesOf(rule, record.value(), view().zones()));
            }
            keys.forEach(k -> context().forward(record.withKey(k)));
        }
    }
}
