package org.bourtol.platform.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static consumer group membership (Kafka's {@code group.instance.id}): the group members that gate
 * alerting (the rules' Streams threads, the notifier's ownership) keep one name across restarts, taken
 * from an id created once in the data directory ({@value #FILE}). After a crash (kill -9, power loss) the
 * restarted instance rejoins as the same member and gets its partitions back at once, instead of
 * waiting {@code kafka.sessionTimeoutSeconds} for the dead member to be dropped. Static members do not
 * leave their group when closed, so a deliberate stop closes with {@link #closeLeaving}: another instance
 * takes over at once. Two instances must never share a data directory (Kafka fences the older one).
 */
public final class StaticMembership {

    /** The file in the data directory that holds the id. */
    public static final String FILE = "kafka-member.id";

    private static final Logger LOG = LoggerFactory.getLogger(StaticMembership.class);
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{12}");

    private StaticMembership() {
    }

    /** The id kept in {@code dataDir}, created (and fsync'd) at the first call; a damaged file is replaced. */
    public static synchronized String memberId(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            String existing = read(file);
            if (existing != null) {
                return existing;
            }
            Files.createDirectories(dataDir);
            byte[] raw = new byte[6];
            new SecureRandom().nextBytes(raw);
            String id = HexFormat.of().formatHex(raw);
            Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            if (Files.exists(file)) {
                LOG.warn("damaged Kafka member id replaced [file: {}]", file);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(tmp);
                }
            }
            String kept = read(file);
            if (kept == null) {
                throw new IOException("member id not readable after writing it");
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka member id in " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
        return VALID.matcher(s).matches() ? s : null;
    }

    /** Closes a static member and leaves its group, so that its partitions move at once (a deliberate stop). */
    public static void closeLeaving(Consumer<?, ?> consumer, Duration timeout) {
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
    }
}
