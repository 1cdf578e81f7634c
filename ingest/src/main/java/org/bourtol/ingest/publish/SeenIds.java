package org.bourtol.ingest.publish;

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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ids of inputs already handled, each with a short value (the SMS reply; empty for MQTT record ids), so a
 * retried or redelivered input is recognised also after a restart. Bounded (oldest evicted beyond
 * {@code max}) and TTL'd; persisted as an append-only file under the data directory, one line per id
 * ({@code <epoch millis> <id> <base64 value>}), fsync'd before {@link #remember} or
 * {@link #rememberAll} returns. {@code rememberAll} writes a group of ids with one fsync (group commit),
 * which is what keeps MQTT throughput up: an fsync costs about as much as a whole group of lines. The file
 * is compacted at start and whenever it holds {@code max} more lines than live entries, so it stays
 * bounded while running. A line torn by a crash is skipped on load. Chosen over reading Kafka back
 * because it works while Kafka is down and costs one small sequential write. One writer per file
 * (one ingest process per data directory). Thread-safe.
 *
 * <p>Two locks: the file's ({@link #fileLock}: append, fsync, compaction) and the entries' ({@code this}). An id is
 * added to the entries only after its line was fsync'd, so a lookup never answers from an id that is not yet
 * durable; and a lookup never waits for an fsync. Holding one lock for both made MQTT ingest's worker (and the SMS
 * webhook's event loop) wait behind each group's fsync: 601 fsyncs of about 2 ms in 4 s of an MQTT flood, close to a
 * third of the time; on a slow SD card each wait would be tens of milliseconds.
 */
public final class SeenIds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SeenIds.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final Path file;
    private final int max;
    private final Duration ttl;
    private final LinkedHashMap<String, Entry> entries;
    /** Guards {@link #channel} and {@link #linesInFile}; taken before {@code this} when both are needed. */
    final Object fileLock = new Object();
    private FileChannel channel;
    private int linesInFile;

    private record Entry(long atMillis, String value) {
    }

    /**
     * Loads {@code dir/fileName} (created when missing), dropping entries older than {@code ttl} at
     * {@code now}; fails when the file cannot be read or rewritten.
     */
    public SeenIds(Path dir, String fileName, int max, Duration ttl, Instant now) {
        this.file = dir.resolve(fileName);
        this.max = max;
        this.ttl = ttl;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > SeenIds.this.max;
            }
        };
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                int skipped = 0;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!load(line, now)) {
                        skipped++;
                    }
                }
                if (skipped > 0) {
                    LOG.warn("unreadable lines skipped [file: {}, lines: {}]", file, skipped);
                }
            }
            compact();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code id} was remembered within the TTL. */
    public boolean contains(String id, Instant now) {
        return value(id, now).isPresent();
    }

    /** The value remembered with {@code id}, if within the TTL. */
    public synchronized Optional<String> value(String id, Instant now) {
        Entry e = entries.get(id);
        if (e == null || now.toEpochMilli() - e.atMillis() >= ttl.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** Records one id durably (written and fsync'd before returning). */
    public void remember(String id, String value, Instant now) {
        rememberAll(Map.of(id, value), now);
    }

    /** Records the ids (with an empty value) durably, with a single fsync. */
    public void rememberAll(Collection<String> ids, Instant now) {
        Map<String, String> m = new LinkedHashMap<>();
        ids.forEach(id -> m.put(id, ""));
        rememberAll(m, now);
    }

    /** Records id → value pairs durably, with a single fsync; they are looked up once that fsync returned. */
    public void rememberAll(Map<String, String> values, Instant now) {
        if (values.isEmpty()) {
            return;
        }
        if (!values.keySet().stream().allMatch(id -> ID.matcher(id).matches())) {
            throw new IllegalArgumentException("unexpected id format");
        }
        long at = now.toEpochMilli();
        StringBuilder sb = new StringBuilder(values.size() * 48);
        values.forEach((id, value) -> line(sb, id, at, value));
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        synchronized (fileLock) {
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                channel.force(false);
                linesInFile += values.size();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            synchronized (this) {
                values.forEach((id, value) -> entries.put(id, new Entry(at, value)));
                if (linesInFile > entries.size() + max) {
                    try {
                        channel.close();
                        compact();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot compact " + file, e);
                    }
                }
            }
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    private boolean load(String line, Instant now) {
        String[] p = line.split(" ", -1);
        if (p.length != 3 || !p[0].matches("\\d{1,19}") || !ID.matcher(p[1]).matches()) {
            return false;
        }
        try {
            long at = Long.parseLong(p[0]);
            String value = new String(Base64.getDecoder().decode(p[2]), StandardCharsets.UTF_8);
            if (now.toEpochMilli() - at < ttl.toMillis()) {
                entries.put(p[1], new Entry(at, value));
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void line(StringBuilder sb, String id, long atMillis, String value) {
        sb.append(atMillis).append(' ').append(id).append(' ')
                .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).append('\n');
    }

    /** Rewrites the file with the live entries (fsync'd, atomic rename) and reopens it for appending; under both locks. */
    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder();
        entries.forEach((id, e) -> line(sb, id, e.atMillis(), e.value()));
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        linesInFile = entries.size();
    }

    @Override
    public void close() {
        synchronized (fileLock) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
