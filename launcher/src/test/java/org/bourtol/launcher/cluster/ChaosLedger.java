package org.bourtol.launcher.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topics;

/**
 * What reached Kafka, read from outside with assigned partitions (no consumer group: positions survive a
 * broker restart) and read_committed: observations (MQTT readings by station and time, SMS by observation
 * id, with the records that repeat one), alert events by alert, and the delivery ledger of one recipient.
 */
final class ChaosLedger implements AutoCloseable, Runnable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String recipientId;
    private final Map<String, Integer> readings = new ConcurrentHashMap<>();
    private final Map<String, Integer> smsObservations = new ConcurrentHashMap<>();
    private final Map<String, List<AlertEvent>> alerts = new ConcurrentHashMap<>();
    private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong duplicateRecords = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this, "chaos-ledger");

    ChaosLedger(String bootstrap, String recipientId) {
        this.recipientId = recipientId;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : List.of(Topics.OBSERVATIONS.name(), Topics.ALERTS.name(), Topics.DELIVERIES.name())) {
            consumer.partitionsFor(topic, Duration.ofMinutes(1)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    ChaosLedger start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        while (running.get()) {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    take(r);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                System.out.println("ChaosLedger: " + e); // the embedded broker is restarting; the client reconnects
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        if (r.topic().equals(Topics.OBSERVATIONS.name())) {
            Observation o = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (o instanceof GaugeReading g && o.source() == Source.MQTT) {
                count(readings, ChaosLoad.key(g.stationId(), o.observedAt()));
            } else if (o != null && o.source() == Source.SMS) {
                count(smsObservations, o.id());
            }
        } else if (r.topic().equals(Topics.ALERTS.name())) {
            AlertEvent e = Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (e != null) {
                alerts.computeIfAbsent(e.alertId(), k -> Collections.synchronizedList(new ArrayList<>())).add(e);
            }
        } else {
            Delivery d = Topics.DELIVERIES.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (d != null && recipientId.equals(d.recipientId())) {
                deliveries.computeIfAbsent(d.deliveryId(), k -> Collections.synchronizedList(new ArrayList<>())).add(d);
            }
        }
    }

    private void count(Map<String, Integer> m, String key) {
        if (m.merge(key, 1, Integer::sum) > 1) {
            duplicateRecords.incrementAndGet();
        }
    }

    Set<String> readings() {
        return Set.copyOf(readings.keySet());
    }

    int smsObservations() {
        return smsObservations.size();
    }

    /** Records that repeat an observation already on the topic (same reading, or same SMS observation id). */
    long duplicateRecords() {
        return duplicateRecords.get();
    }

    /** Delivery ids of the recipient (every alert step due to them, one intent each) and their MessageSids. */
    Map<String, Set<String>> sentSids() {
        return deliveries.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()).stream()
                .map(Delivery::providerId).filter(s -> s != null && !s.isBlank()).collect(Collectors.toSet())));
    }

    /** Alert ids that some delivery to the recipient carried. */
    Set<String> notifiedAlerts() {
        return deliveries.values().stream().flatMap(l -> List.copyOf(l).stream()).flatMap(d -> d.alertIds().stream())
                .collect(Collectors.toSet());
    }

    /** Alerts whose zone is one of {@code zones}: id to events in order. */
    Map<String, List<AlertEvent>> alertsIn(Set<String> zones) {
        return alerts.entrySet().stream().filter(e -> zones.contains(List.copyOf(e.getValue()).get(0).alert().zone()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    static boolean resolved(List<AlertEvent> events) {
        return events.stream().anyMatch(e -> e.type() == AlertEventType.RESOLVED);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5000);
        consumer.close();
    }
}
