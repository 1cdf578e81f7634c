package org.bourtol.launcher.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.bourtol.testkit.ExternalProcess;

/**
 * Three Kafka brokers (KRaft, each broker and controller, a three-voter quorum) as separate processes on
 * loopback, so that one can be killed with -9. Replication defaults for the internal topics are 3 with
 * min.insync.replicas 2, as on a production cluster.
 */
final class KafkaTrio implements AutoCloseable {

    private final List<ExternalProcess> brokers = new ArrayList<>();
    private final int[] ports;

    KafkaTrio(Path dir) throws IOException {
        this(dir, 3);
    }

    /** {@code count} brokers (1 or 3): replication factor and min.insync.replicas as large as the cluster allows, at most 3 and 2. */
    KafkaTrio(Path dir, int count) throws IOException {
        ports = new int[count];
        int[] controllers = new int[count];
        String rf = String.valueOf(Math.min(3, count));
        String minIsr = String.valueOf(Math.min(2, count));
        for (int i = 0; i < count; i++) {
            ports[i] = ExternalProcess.freePort();
            controllers[i] = ExternalProcess.freePort();
        }
        String voters = IntStream.range(0, count).mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllers[i]).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < count; i++) {
            Path logs = Files.createDirectories(dir.resolve("kafka-" + (i + 1)));
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", String.valueOf(i + 1));
            p.put("controller.quorum.voters", voters);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[i] + ",CONTROLLER://127.0.0.1:" + controllers[i]);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[i]);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", logs.toString());
            p.put("offsets.topic.replication.factor", rf);
            p.put("offsets.topic.num.partitions", "3");
            p.put("transaction.state.log.replication.factor", rf);
            p.put("transaction.state.log.min.isr", minIsr);
            p.put("transaction.state.log.num.partitions", "3");
            p.put("share.coordinator.state.topic.replication.factor", rf);
            p.put("share.coordinator.state.topic.min.isr", minIsr);
            p.put("min.insync.replicas", minIsr);
            p.put("default.replication.factor", rf);
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.cleaner.dedupe.buffer.size", "8388608");
            p.put("auto.create.topics.enable", "false");
            Path props = dir.resolve("kafka-" + (i + 1) + ".properties");
            try (var out = Files.newOutputStream(props)) {
                p.store(out, "ClusterIT broker " + (i + 1));
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", props.toString()},
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("format failed: " + buf.toString(StandardCharsets.UTF_8));
            }
            brokers.add(ExternalProcess.java("kafka-" + (i + 1), "kafka.Kafka", List.of(props.toString()), Map.of(), dir));
        }
    }

    KafkaTrio start() {
        brokers.forEach(ExternalProcess::launch);
        return this;
    }

    /**
     * {@code count} brokers started and all answering within {@code wait}. The ports are free when chosen but a broker
     * binds them seconds later, when its JVM is up; another test JVM running meanwhile (failsafe runs two) may take
     * one first ("Address already in use", seen in CI). Then the brokers are stopped and started again on new ports
     * in a new directory, up to three times.
     */
    static KafkaTrio started(Path dir, int count, java.time.Duration wait) throws IOException {
        for (int attempt = 1;; attempt++) {
            KafkaTrio trio = new KafkaTrio(Files.createDirectories(dir.resolve("attempt-" + attempt)), count).start();
            try {
                org.bourtol.testkit.Poll.until(wait, count + " Kafka brokers up", () -> {
                    if (trio.brokers.stream().anyMatch(b -> !b.alive())) {
                        throw new IllegalStateException("a broker exited");
                    }
                    return trio.liveBrokers() == count;
                });
                return trio;
            } catch (IllegalStateException | AssertionError e) {
                String logs = trio.brokers.stream().map(ExternalProcess::logText).collect(Collectors.joining("\n"));
                trio.close();
                boolean portTaken = logs.contains("Address already in use");
                if (!portTaken || attempt == 3) {
                    throw new AssertionError("Kafka brokers not up (attempt " + attempt + "): " + e.getMessage()
                            + (portTaken ? "; a port was taken by another process" : ""), e);
                }
                System.out.println("KafkaTrio: a port was taken before a broker bound it, starting again on new ports");
            }
        }
    }

    String bootstrap() {
        return IntStream.of(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** Brokers the cluster reports, or -1 when it does not answer. */
    int liveBrokers() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "5000");
        try (Admin admin = Admin.create(p)) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return -1;
        }
    }

    ExternalProcess broker(int index) {
        return brokers.get(index);
    }

    @Override
    public void close() {
        brokers.forEach(ExternalProcess::close);
    }

}
