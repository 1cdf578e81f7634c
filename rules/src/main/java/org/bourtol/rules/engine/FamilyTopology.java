package org.bourtol.rules.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Wires the families that share one input store ({@link Family#inputs()}) into the topology: (for zone
 * aggregations, always alone) re-key observations by zone, then evaluate every enabled rule of each family per
 * (rule, key) with a {@link Timeline} in the family's named store ({@code <type>-state}), the inputs still inside
 * the grace period kept once per key in {@code <inputs>-inputs} (for families not keyed by zone, recovered from the
 * observations topic with {@code <inputs>-aged} and {@code <inputs>-from}: {@link InputRecovery}), and emit
 * {@link Signal}s for the lifecycle when the verdict changes what the lifecycle knows. The processor is named {@code <inputs>-evaluate}.
 */
public final class FamilyTopology {

    /**
     * Pending inputs an input store's serde keeps as objects ({@link RememberedSerde}): the most recent ones, those of
     * the keys reporting most often, which every rule of the key reads again. About 4 MB per store.
     */
    private static final int REMEMBERED_INPUTS = 8192;

    private FamilyTopology() {
    }

    /** The families in the order given, grouped by {@link Family#inputs()} in the order each group first appears. */
    public static List<List<Family<?, ?>>> groups(List<Family<?, ?>> families) {
        Map<String, List<Family<?, ?>>> groups = new LinkedHashMap<>();
        for (Family<?, ?> f : families) {
            groups.computeIfAbsent(f.inputs(), k -> new ArrayList<>()).add(f);
        }
        for (List<Family<?, ?>> g : groups.values()) {
            if (g.size() > 1 && g.stream().anyMatch(Family::keyedByZone)) {
                throw new IllegalArgumentException("a family keyed by zone keeps its own inputs: " + g.stream().map(Family::type).toList());
            }
        }
        return List.copyOf(groups.values());
    }

    public static KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env, List<Family<?, ?>> group) {
        String name = group.get(0).inputs();
        String inputsStore = name + "-inputs";
        Set<StoreBuilder<?>> stores = new HashSet<>();
        for (Family<?, ?> family : group) {
            stores.add(env.store(WriteBehindStore.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(family.type() + "-state"),
                    Serdes.String(), Timeline.serde(family.stateType())))));
        }
        StoreBuilder<KeyValueStore<String, Observation>> inputs = Stores.keyValueStoreBuilder(
                LazyRangeStore.supplier(inputsStore), Serdes.String(), new RememberedSerde<>(Topics.OBSERVATIONS.valueSerde(), REMEMBERED_INPUTS, env::observationBytes));
        boolean recovered = env.live() && !group.get(0).keyedByZone();
        if (recovered) {
            // the inputs are records of the observations topic already: no changelog record each (InputRecovery)
            stores.add(inputs.withLoggingDisabled());
            stores.add(env.store(Stores.keyValueStoreBuilder(LogOnlyStore.supplier(name + "-aged"), Serdes.String(),
                    Topics.OBSERVATIONS.valueSerde())));
            stores.add(env.store(WriteBehindStore.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name + "-from"),
                    Serdes.String(), Serdes.Long()))));
        } else {
            stores.add(env.store(inputs));
        }
        KStream<String, Observation> input = observations;
        if (group.get(0).keyedByZone()) {
            Family<?, ?> family = group.get(0);
            input = observations
                    .process(() -> new ZoneRouter<>(env, family), Named.as(family.type() + "-route"))
                    .repartition(Repartitioned.<String, Observation>as(family.type() + "-by-zone")
                            .withKeySerde(Serdes.String()).withValueSerde(env.observationSerde()));
        }
        Set<StoreBuilder<?>> connected = Set.copyOf(stores);
        return input.process(new ProcessorSupplier<String, Observation, String, Signal>() {
            @Override
            public Processor<String, Observation, String, Signal> get() {
                return new FamilyEvaluator(env, group, inputsStore, recovered ? name : null, env::eventTime);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return connected;
            }
        }, Named.as(name + "-evaluate"));
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
