package org.bourtol.launcher.console;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.contracts.triage.TriageMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.platform.kafka.TopicFollower;
import org.bourtol.platform.kafka.TopicScan;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console shows besides the components' APIs, read from the topics by {@link TopicTable}
 * readers: each alert's lifecycle events, deliveries (latest status per delivery) and acknowledgement
 * requests; recent gauge readings per station (the observations topic read from {@link #READINGS_SINCE} ago, from
 * the first chart on); messages to read (triage and SMS rejections) and the officers' decisions on them (audit entries
 * of entity {@code triage}); zones, to check a report's place.
 *
 * <p>The observations topic is followed only from the first gauge chart asked of this process on
 * ({@link #readings(String)}, which then waits up to {@link #CATCH_UP} for the last {@link #READINGS_SINCE} to be read):
 * every observation, herd positions above all, would otherwise pass through every process that serves the console,
 * ingest alone included, where that reader cost a tenth or more of the process's CPU in a flood of readings and a
 * fetch stream of the broker's (docs/performance.md). A record's {@code kind} is read from its first bytes and only gauge readings are kept, as the
 * bytes Kafka holds; they are decoded when a chart asks for them.
 */
final class ConsoleData implements AutoCloseable {

    static final int EVENTS_PER_ALERT = 200;
    static final int READINGS_PER_STATION = 1000;
    /** How far back the observations topic is read when the first chart asks (with InfluxDB, older readings come from there). */
    static final Duration READINGS_SINCE = Duration.ofDays(7);
    /** How long the first chart waits for the observations topic to be read; after it the chart shows what was read. */
    static final Duration CATCH_UP = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleData.class);
    static final String TRIAGE = "triage";
    private static final String KIND = "kind";
    private static final byte[] KIND_FIRST = "{\"kind\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final String GAUGE = "gauge";

    final Map<String, Deque<AlertEvent>> events = new ConcurrentHashMap<>();
    final Map<String, Set<String>> deliveriesByAlert = new ConcurrentHashMap<>();
    final Map<String, Deque<AckRequest>> acks = new ConcurrentHashMap<>();
    /** Gauge readings as stored (JSON), by record key (the station). */
    private final Map<String, Deque<byte[]>> readings = new ConcurrentHashMap<>();
    final Map<String, AuditEntry> decisions = new ConcurrentHashMap<>();

    final TopicTable<Delivery> deliveries;
    final TopicTable<TriageMessage> triage;
    final TopicTable<Rejected> rejected;
    final TopicTable<Zone> zones;
    private final List<TopicTable<?>> readers = new ArrayList<>();
    private final Properties observationsConsumer;
    /** Created by the first chart; guarded by {@code this}. */
    private TopicFollower observations;
    private boolean closed;

    ConsoleData(KafkaClients kafka) {
        readers.add(new TopicTable<>(kafka, Topics.ALERTS).onChange((id, e) -> {
            if (e != null) {
                bounded(events, e.alertId(), e, EVENTS_PER_ALERT);
            }
        }));
        deliveries = add(new TopicTable<>(kafka, Topics.DELIVERIES).onChange((id, d) -> {
            if (d != null) {
                d.alertIds().forEach(a -> deliveriesByAlert.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(d.deliveryId()));
            }
        }));
        readers.add(new TopicTable<>(kafka, Topics.ACKS).onChange((key, a) -> {
            if (a != null) {
                bounded(acks, a.alertId() != null ? a.alertId() : "code:" + a.code(), a, EVENTS_PER_ALERT);
            }
        }));
        Properties batched = kafka.consumer(null);
        batched.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        batched.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
        observationsConsumer = batched;
        readers.add(new TopicTable<>(kafka, Topics.AUDIT).onChange((key, a) -> {
            if (a != null && TRIAGE.equals(a.entity())) {
                decisions.put(a.id(), a);
            }
        }));
        triage = add(new TopicTable<>(kafka, Topics.TRIAGE));
        rejected = add(new TopicTable<>(kafka, Topics.REJECTED));
        zones = add(new TopicTable<>(kafka, Topics.ZONES));
    }

    ConsoleData start() {
        readers.forEach(TopicTable::start);
        return this;
    }

    /** Starts following the observations topic if no chart did yet, and waits until what it held then was read (blocking). */
    private void followObservations() {
        TopicFollower f;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (observations == null) {
                observations = new TopicFollower(observationsConsumer, Topics.OBSERVATIONS.name(), TopicFollower.From.BEGINNING,
                        this::reading).since(Instant.now().minus(READINGS_SINCE)).start();
                LOG.info("following the observations topic for the gauge charts [since: {} ago]", READINGS_SINCE);
            }
            f = observations;
        }
        if (!f.awaitCaughtUp(CATCH_UP)) {
            LOG.warn("observations topic not read within {} s, the chart shows the readings read so far", CATCH_UP.toSeconds());
        }
    }

    private <V> TopicTable<V> add(TopicTable<V> cache) {
        readers.add(cache);
        return cache;
    }

    private void reading(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() != null && r.value() != null && GAUGE.equals(kind(r.value()))) {
            bounded(readings, new String(r.key(), StandardCharsets.UTF_8), r.value(), READINGS_PER_STATION);
        }
    }

    /**
     * The station's recent gauge readings, oldest first; a record that does not decode is left out. Blocking: the first
     * call follows the observations topic and waits for it to be read.
     */
    List<GaugeReading> readings(String station) {
        followObservations();
        List<GaugeReading> out = new ArrayList<>();
        for (byte[] value : copy(readings.get(station))) {
            if (TopicScan.decode(Topics.OBSERVATIONS, value) instanceof GaugeReading g && g.stationId().equals(station)) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * The {@code kind} of an observation's JSON, without binding it; null when it has none or is not JSON. Bourtol writes
     * it first ({@code {"kind":"gauge",…}}), which is read from the bytes; any other form goes to Jackson's streaming parser.
     */
    static String kind(byte[] json) {
        if (startsWith(json, KIND_FIRST)) {
            for (int i = KIND_FIRST.length; i < json.length && json[i] != '\\'; i++) {
                if (json[i] == '"') {
                    return new String(json, KIND_FIRST.length, i - KIND_FIRST.length, StandardCharsets.UTF_8);
                }
            }
        }
        try (JsonParser p = Json.MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (KIND.equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length > prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static <V> void bounded(Map<String, Deque<V>> map, String key, V value, int max) {
        Deque<V> d = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(value);
            while (d.size() > max) {
                d.removeFirst();
            }
        }
    }

    static <V> List<V> copy(Deque<V> d) {
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return List.copyOf(d);
        }
    }

    @Override
    public void close() {
        readers.forEach(TopicTable::close);
        TopicFollower f;
        synchronized (this) {
            closed = true;
            f = observations;
        }
        if (f != null) {
            f.close();
        }
    }
}
