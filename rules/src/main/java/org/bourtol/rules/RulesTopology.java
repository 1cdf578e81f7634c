package org.bourtol.rules;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.TopicLayout;
import org.bourtol.rules.engine.BeforeCommit;
import org.bourtol.rules.engine.CorruptRecordHandler;
import org.bourtol.rules.engine.Family;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.GlobalDirectory;
import org.bourtol.rules.engine.ProcessingFailureHandler;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;
import org.bourtol.rules.lifecycle.LifecycleTopology;

/**
 * The whole rules topology: global zone and rule stores, one branch per rule family producing
 * signals, and the alert lifecycle writing {@code bourtol.alerts.v1}. Tests drive this exact builder.
 */
public final class RulesTopology {

    private RulesTopology() {
    }

    public static Topology build(RulesEnv env) {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalDirectory.addTo(builder, env);
        KStream<String, Observation> observations = builder.stream(Topics.OBSERVATIONS.name(),
                Consumed.with(Topics.OBSERVATIONS.keySerde(), env.observationSerde())
                        .withTimestampExtractor(new ObservedAtExtractor()));
        KStream<String, Signal> signals = null;
        for (List<Family<?, ?>> group : FamilyTopology.groups(Families.onObservations(env))) {
            KStream<String, Signal> branch = FamilyTopology.addTo(observations, env, group);
            signals = signals == null ? branch : signals.merge(branch);
        }
        KStream<String, AckRequest> acks = builder.stream(Topics.ACKS.name(),
                Consumed.with(Topics.ACKS.keySerde(), Topics.ACKS.valueSerde()));
        KStream<String, Warning> warnings = builder.stream(Topics.WARNINGS.name(),
                Consumed.with(Topics.WARNINGS.keySerde(), Topics.WARNINGS.valueSerde()));
        LifecycleTopology.addTo(signals, acks, warnings, env);
        return builder.build();
    }

    /**
     * The input stores recovered from the observations topic (families not keyed by zone, {@code FamilyTopology}) whose
     * changelog topic, among {@code topics}, a build that still logged them left: their pending inputs are taken over.
     */
    public static Set<String> inputsLoggedBefore(RulesEnv env, Set<String> topics, String applicationId) {
        Set<String> found = new HashSet<>();
        for (List<Family<?, ?>> group : FamilyTopology.groups(Families.onObservations(env))) {
            String store = group.get(0).inputs() + "-inputs";
            if (!group.get(0).keyedByZone() && topics.contains(applicationId + "-" + store + "-changelog")) {
                found.add(store);
            }
        }
        return found;
    }

    /**
     * Streams properties: exactly-once v2, corrupt records and records a processor fails on logged and skipped, state under
     * dataDir/streams, no task idling.
     */
    public static Properties properties(Properties common, String applicationId, Path dataDir) {
        Properties p = new Properties();
        p.putAll(common);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CorruptRecordHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailureHandler.class.getName());
        p.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toAbsolutePath().toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) BeforeCommit.COMMIT_INTERVAL.toMillis());
        // a task with several inputs (the lifecycle: signals, scores, acknowledgements, warnings) processes what it has
        // instead of waiting for data it knows is on the broker, as the backtest's replay does (Replay); the wait also
        // formatted a log message per empty input for every record (Kafka Streams 4.3 PartitionGroup.readyToProcess)
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        p.put("processing.exception.handler.global.enabled", true);
        return p;
    }

    /**
     * The cluster's layout applied to the Streams internal topics (changelogs and repartition topics get the
     * same replication factor and min.insync.replicas as Bourtol's topics), and {@code num.standby.replicas}
     * warm copies of each store on other instances, so that a failover resumes from a nearly current copy
     * instead of restoring the store from its changelog.
     */
    public static Properties scaledOut(Properties p, TopicLayout layout, int standbyReplicas) {
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) layout.replicationFactor());
        p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), String.valueOf(layout.minInsyncReplicas()));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        return p;
    }
}
