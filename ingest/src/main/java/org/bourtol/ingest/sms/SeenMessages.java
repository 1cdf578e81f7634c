package org.bourtol.ingest.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MessageSids already ingested, with the reply given, so a Twilio retry is answered again but not
 * ingested twice, also after a restart. Bounded (oldest evicted beyond {@code max}) and TTL'd (Twilio
 * retries within minutes; a week is kept), persisted as an append-only file under the data directory
 * (one fsync'd line per message) and compacted at start. Chosen over reading Kafka back because it works
 * while Kafka is down (spooled SMS) and costs one small write; with several ingest instances a retry
 * that reaches another instance yields a record with the same id ({@code sms-<MessageSid>}), which
 * consumers recognise. Thread-safe.
 */
public final class SeenMessages implements AutoCloseable {

    private final Path file;
    private final int max;
    private final Duration ttl;
    private final LinkedHashMap<String, Entry> entries;
    private FileChannel channel;

    private record Entry(long atMillis, String reply) {
    }

    public SeenMessages(Path dir, int max, Duration ttl, Instant now) {
        this.file = dir.resolve("sms-seen.log");
        this.max = max;
        this.ttl = ttl;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > SeenMessages.this.max;
            }
        };
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] p = line.split(" ");
                    if (p.length == 3 && p[0].matches("\\d+")) {
                        long at = Long.parseLong(p[0]);
                        if (now.toEpochMilli() - at < ttl.toMillis()) {
                            entries.put(p[1], new Entry(at, new String(Base64.getDecoder().decode(p[2]), StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
            compact();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The reply given to this MessageSid, if it was ingested within the TTL. */
    public synchronized Optional<String> reply(String messageSid, Instant now) {
        Entry e = entries.get(messageSid);
        if (e == null || now.toEpochMilli() - e.atMillis() >= ttl.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(e.reply());
    }

    /** Records the MessageSid durably (fsync) before the reply is sent. */
    public synchronized void remember(String messageSid, String reply, Instant now) {
        if (!messageSid.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("unexpected MessageSid format");
        }
        entries.put(messageSid, new Entry(now.toEpochMilli(), reply));
        String line = now.toEpochMilli() + " " + messageSid + " "
                + Base64.getEncoder().encodeToString(reply.getBytes(StandardCharsets.UTF_8)) + "\n";
        try {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling("sms-seen.log.tmp");
        StringBuilder sb = new StringBuilder();
        entries.forEach((sid, e) -> sb.append(e.atMillis()).append(' ').append(sid).append(' ')
                .append(Base64.getEncoder().encodeToString(e.reply().getBytes(StandardCharsets.UTF_8))).append('\n'));
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
