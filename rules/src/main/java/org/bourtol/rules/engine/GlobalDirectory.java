package org.bourtol.rules.engine;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;

/**
 * The zones and rules topics as global stores, so every stream task sees every zone and rule and a
 * change applies on the next record, without restart. The store processors also bump the change
 * counters in {@link RulesEnv}.
 */
public final class GlobalDirectory {

    private GlobalDirectory() {
    }

    public static void addTo(StreamsBuilder builder, RulesEnv env) {
        add(builder, Topics.ZONES, RulesEnv.ZONES_STORE, env::zonesChanged);
        add(builder, Topics.RULES, RulesEnv.RULES_STORE, env::rulesChanged);
    }

    private static <V> void add(StreamsBuilder builder, Topic<String, V> topic, String store, Runnable changed) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(), topic.valueSerde())
                        .withLoggingDisabled(),
                topic.name(),
                Consumed.with(topic.keySerde(), topic.valueSerde()),
                () -> new Processor<String, V, Void, Void>() {
                    private KeyValueStore<String, V> kv;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        kv = context.getStateStore(store);
                    }

                    @Override
                    public void process(Record<String, V> record) {
                        if (record.key() == null) {
                            return;
                        }
                        if (record.value() == null) {
                            kv.delete(record.key());
                        } else {
                            kv.put(record.key(), record.value());
                        }
                        changed.run();
                    }
                });
    }
}
