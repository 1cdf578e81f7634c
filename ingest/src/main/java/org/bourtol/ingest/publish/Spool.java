package org.bourtol.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import org.bourtol.contracts.topic.Json;
import org.bourtol.platform.kafka.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable local queue for records Kafka could not take: an append-only file of JSON lines
 * ({@code spool.log}, fsync'd after every append) and the number of lines already delivered
 * ({@code spool.offset}, replaced atomically). A restart finds the undelivered lines. When everything
 * is delivered the file is emptied (offset first, so a crash in between re-sends rather than loses;
 * records carry deterministic ids, so a re-send is a duplicate consumers can recognise). A torn last
 * line (crash during append) is skipped. Thread-safe.
 */
public final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path log;
    private final Path offsetFile;
    private final FileChannel channel;
    private final Deque<Outgoing> pending = new ArrayDeque<>();
    private long offset;
    private long lines;

    public Spool(Path dir) {
        try {
            Files.createDirectories(dir);
            this.log = dir.resolve("spool.log");
            this.offsetFile = dir.resolve("spool.offset");
            this.offset = Files.exists(offsetFile) ? Long.parseLong(Files.readString(offsetFile).trim()) : 0;
            List<Outgoing> all = new ArrayList<>();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Outgoing o = decode(line);
                    if (o != null) {
                        all.add(o);
                    }
                }
            }
            this.lines = all.size();
            offset = Math.min(offset, lines);
            pending.addAll(all.subList((int) offset, all.size()));
            this.channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (!pending.isEmpty()) {
                LOG.info("spool has undelivered records [dir: {}, records: {}]", dir, pending.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open spool under " + dir, e);
        }
    }

    /** Appends and fsyncs; when this returns the records survive a crash. */
    public synchronized void append(List<Outgoing> records) {
        StringBuilder sb = new StringBuilder();
        for (Outgoing r : records) {
            sb.append(encode(r)).append('\n');
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spool " + log, e);
        }
        pending.addAll(records);
        lines += records.size();
    }

    /** The oldest undelivered records, at most {@code max}, in order. */
    public synchronized List<Outgoing> peek(int max) {
        List<Outgoing> out = new ArrayList<>();
        for (Outgoing o : pending) {
            if (out.size() == max) {
                break;
            }
            out.add(o);
        }
        return out;
    }

    /** Marks the {@code n} oldest records delivered. */
    public synchronized void commit(int n) {
        for (int i = 0; i < n && !pending.isEmpty(); i++) {
            pending.removeFirst();
        }
        offset += n;
        try {
            if (pending.isEmpty()) {
                writeOffset(0);
                channel.truncate(0);
                channel.force(true);
                offset = 0;
                lines = 0;
            } else {
                writeOffset(offset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update spool offset " + offsetFile, e);
        }
    }

    public synchronized int size() {
        return pending.size();
    }

    private void writeOffset(long value) throws IOException {
        Path tmp = offsetFile.resolveSibling("spool.offset.tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(ByteBuffer.wrap(Long.toString(value).getBytes(StandardCharsets.US_ASCII)));
            c.force(true);
        }
        Files.move(tmp, offsetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String encode(Outgoing r) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("topic", r.topic());
        if (r.key() != null) {
            n.put("key", Base64.getEncoder().encodeToString(r.key()));
        }
        if (r.value() != null) {
            n.put("value", Base64.getEncoder().encodeToString(r.value()));
        }
        return n.toString();
    }

    private static Outgoing decode(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(line);
            return new Outgoing(n.get("topic").asText(),
                    n.hasNonNull("key") ? Base64.getDecoder().decode(n.get("key").asText()) : null,
                    n.hasNonNull("value") ? Base64.getDecoder().decode(n.get("value").asText()) : null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("torn spool line skipped [length: {}]", line.length());
            return null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("spool close failed [file: {}]", log, e);
        }
    }
}
