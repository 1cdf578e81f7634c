package org.bourtol.rules;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.dataset.DefaultDataset;
import org.bourtol.rules.engine.RulesEnv;

/** The production topology ({@link RulesTopology#build}) in a TopologyTestDriver, with the default zones loaded. */
public final class TopologyHarness implements AutoCloseable {

    public final RulesEnv env;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, Observation> observations;
    public final TestInputTopic<String, byte[]> rawObservations;
    public final TestInputTopic<String, Zone> zones;
    public final TestInputTopic<String, RuleDocument> rules;
    public final TestInputTopic<String, AckRequest> acks;
    public final TestOutputTopic<String, AlertEvent> alerts;
    private final List<String> templates;
    private final Path dir;

    public TopologyHarness(Duration grace) {
        this(grace, List.of());
    }

    /**
     * A harness for one family's test: {@link #publish} sends {@code templates} (rule documents in {@link Fixtures#rule}
     * form) with the test's values in place of their {@code %s}, as an officer changing a threshold would.
     */
    public static TopologyHarness forRules(Duration grace, String... templates) {
        return new TopologyHarness(grace, Duration.ZERO, List.of(templates));
    }

    /** As {@link #forRules}, with a hot alert's updates published at most once per {@code updateInterval} of the driver's wall clock. */
    public static TopologyHarness forRules(Duration grace, Duration updateInterval, String... templates) {
        return new TopologyHarness(grace, updateInterval, List.of(templates));
    }

    private TopologyHarness(Duration grace, List<String> templates) {
        this(grace, Duration.ZERO, templates);
    }

    private TopologyHarness(Duration grace, Duration updateInterval, List<String> templates) {
        this.templates = templates;
        try {
            env = new RulesEnv(grace, 0.5).withUpdateInterval(updateInterval);
            Properties common = new Properties();
            common.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
            dir = Files.createTempDirectory("rules-ttd");
            Properties p = RulesTopology.properties(common, "rules-test", dir);
            driver = new TopologyTestDriver(RulesTopology.build(env), p);
            observations = driver.createInputTopic(Topics.OBSERVATIONS.name(), new StringSerializer(),
                    Topics.OBSERVATIONS.valueSerde().serializer());
            rawObservations = driver.createInputTopic(Topics.OBSERVATIONS.name(), new StringSerializer(), new ByteArraySerializer());
            zones = driver.createInputTopic(Topics.ZONES.name(), new StringSerializer(), Topics.ZONES.valueSerde().serializer());
            rules = driver.createInputTopic(Topics.RULES.name(), new StringSerializer(), Topics.RULES.valueSerde().serializer());
            acks = driver.createInputTopic(Topics.ACKS.name(), new StringSerializer(), Topics.ACKS.valueSerde().serializer());
            alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                    Topics.ALERTS.valueSerde().deserializer());
            DefaultDataset.zones().forEach(z -> zones.pipeInput(z.id(), z));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public TopologyHarness rule(RuleDocument r) {
        rules.pipeInput(r.id(), r);
        return this;
    }

    public TopologyHarness rule(String json) {
        return rule(Fixtures.rule(json));
    }

    /** Publishes every rule given to {@link #forRules}, each with {@code values} in place of its {@code %s}. */
    public TopologyHarness publish(Object... values) {
        templates.forEach(t -> rule(t.formatted(values)));
        return this;
    }

    public TopologyHarness observe(Observation... os) {
        for (Observation o : os) {
            observations.pipeInput(o.subject(), o, o.observedAt());
        }
        return this;
    }

    public void corrupt() {
        rawObservations.pipeInput("niamey", "{\"kind\":\"gauge\",\"levelCm\":\"not a number".getBytes(StandardCharsets.UTF_8));
    }

    public List<AlertEvent> drain() {
        return alerts.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
        org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile());
    }
}
