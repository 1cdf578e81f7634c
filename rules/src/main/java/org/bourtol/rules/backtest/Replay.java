package org.bourtol.rules.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.RulesTopology;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.RulesEnv;

/**
 * Replays recorded inputs through the production rules topology ({@link RulesTopology#build}, the
 * same {@code Rule.step} functions, evaluator and lifecycle the live instance runs) inside a
 * {@link TopologyTestDriver}: an isolated, in-memory run with no broker, so nothing is written to a
 * live topic and nothing is sent. The alert lifecycle events it would have published are returned.
 *
 * <p>The live evaluator re-checks expiring windows on a wall-clock punctuation ({@link FamilyTopology}
 * tick) at the latest event time seen. The replay drives the driver's wall clock with each record's
 * storage time, so those checks fall between the same records as they did live, give or take the
 * punctuation's phase (see docs/backtest.md).
 */
public final class Replay {

    /** How often progress is reported and cancellation checked, in records. */
    private static final int CHUNK = 500;

    private final Duration grace;
    private final double unverifiedWeight;

    public Replay(Duration grace, double unverifiedWeight) {
        this.grace = grace;
        this.unverifiedWeight = unverifiedWeight;
    }

    /**
     * @param inputs   observations and acknowledgements, in the order to replay them ({@link Recorded#STORED_ORDER})
     * @param progress told the number of records replayed so far, every few hundred
     * @throws CancellationException when {@code cancelled} turns true
     */
    public List<AlertEvent> run(Collection<Zone> zones, Collection<RuleDocument> rules, List<Recorded> inputs,
                                BooleanSupplier cancelled, IntConsumer progress) {
        Path dir;
        try {
            dir = Files.createTempDirectory("bourtol-backtest-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties common = new Properties();
        common.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "isolated-backtest:9");
        Properties props = RulesTopology.properties(common, "bourtol-backtest", dir);
        long start = inputs.isEmpty() ? 0 : inputs.stream().mapToLong(Recorded::storedAtMs).min().orElse(0);
        List<AlertEvent> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(RulesTopology.build(RulesEnv.isolated(grace, unverifiedWeight)), props,
                Instant.ofEpochMilli(start))) {
            TestInputTopic<String, Zone> zoneTopic = driver.createInputTopic(Topics.ZONES.name(), new StringSerializer(),
                    Topics.ZONES.valueSerde().serializer());
            TestInputTopic<String, RuleDocument> ruleTopic = driver.createInputTopic(Topics.RULES.name(), new StringSerializer(),
                    Topics.RULES.valueSerde().serializer());
            TestInputTopic<String, byte[]> observations = driver.createInputTopic(Topics.OBSERVATIONS.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestInputTopic<String, byte[]> acks = driver.createInputTopic(Topics.ACKS.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, AlertEvent> alerts = driver.createOutputTopic(Topics.ALERTS.name(),
                    Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
            zones.stream().sorted(Comparator.comparing(Zone::id)).forEach(z -> zoneTopic.pipeInput(z.id(), z, start));
            rules.stream().sorted(Comparator.comparing(RuleDocument::id)).forEach(r -> ruleTopic.pipeInput(r.id(), r, start));
            long clock = start;
            int n = 0;
            for (Recorded r : inputs) {
                if (r.storedAtMs() > clock) {
                    driver.advanceWallClockTime(Duration.ofMillis(r.storedAtMs() - clock));
                    clock = r.storedAtMs();
                }
                (r.kind() == Recorded.Kind.ACK ? acks : observations).pipeInput(r.key(), r.value(), r.storedAtMs());
                if (++n % CHUNK == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("backtest cancelled after " + n + " records");
                    }
                    progress.accept(n);
                    out.addAll(alerts.readValuesToList());
                }
            }
            // the live instance keeps ticking after the last record: windows that expired by then are resolved
            driver.advanceWallClockTime(Duration.ofSeconds(10));
            out.addAll(alerts.readValuesToList());
            progress.accept(n);
        } finally {
            FileUtils.deleteQuietly(dir.toFile());
        }
        return out;
    }
}
