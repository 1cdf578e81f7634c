package org.bourtol.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the transactions a crashed incarnation of this rules instance left open. Exactly-once Kafka Streams
 * writes each thread's output, state changes and input offsets in one transaction under a transactional id
 * made of the application id, a process id and the thread index; with in-memory stores the process id is new
 * at every start, so after a {@code kill -9} nothing reuses the dead one's ids and its open transaction holds
 * every read_committed reader of those partitions (the rules' own input and committed offsets, the notifier's
 * view of the alerts) until the broker aborts it on its timeout — or, as seen after an unclean restart of the
 * embedded broker, for minutes. So the ids in use are written to {@value #FILE} in the data directory, and the
 * next start first fences each of them ({@code initTransactions} with that id aborts its open transaction at
 * once), before Streams starts.
 */
final class TransactionFence {

    /** The file in the data directory with the transactional ids of the last incarnation, one a line. */
    static final String FILE = "rules-transactional-ids";

    private static final Logger LOG = LoggerFactory.getLogger(TransactionFence.class);

    private final Path file;
    private final Set<String> remembered = new LinkedHashSet<>();

    TransactionFence(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** Fences every id the last incarnation wrote down (its open transactions are aborted); a failure is logged, not fatal. */
    void abortPrevious(Properties common) {
        for (String id : read()) {
            Properties p = new Properties();
            p.putAll(common);
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "bourtol-rules-fence");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
            try (KafkaProducer<byte[], byte[]> fence = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                fence.initTransactions();
                LOG.info("transactions of the previous incarnation ended [transactionalId: {}]", id);
            } catch (RuntimeException e) {
                LOG.warn("could not fence the previous incarnation's transactions; the broker aborts them on their timeout "
                        + "[transactionalId: {}, reason: {}]", id, e.toString());
            }
        }
    }

    /** Writes down the transactional ids of these Streams threads (with the ones already written by this process). */
    synchronized void remember(Collection<ThreadMetadata> threads) {
        threads.forEach(t -> remembered.add(transactionalId(t.threadName())));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.writeString(tmp, String.join("\n", remembered) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("transactional ids not written down; after a crash the next start waits for the broker's timeout "
                    + "[file: {}, reason: {}]", file, e.toString());
        }
    }

    /**
     * Exactly-once v2: the thread {@code <applicationId>-<processId>-StreamThread-<n>} produces under the
     * transactional id {@code <applicationId>-<processId>-<n>}.
     */
    static String transactionalId(String threadName) {
        int at = threadName.lastIndexOf("-StreamThread-");
        return at < 0 ? threadName : threadName.substring(0, at) + "-" + threadName.substring(at + "-StreamThread-".length());
    }

    List<String> read() {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(s -> !s.isEmpty()).toList() : List.of();
        } catch (IOException e) {
            LOG.warn("transactional ids of the previous incarnation not readable [file: {}, reason: {}]", file, e.toString());
            return List.of();
        }
    }
}
