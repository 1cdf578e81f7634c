package org.bourtol.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.embedded.EmbeddedKafka;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicAdmin;
import org.bourtol.platform.kafka.TopicLayout;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * SMS accepted while Kafka is down are spooled (the sender still gets the receipt), survive an ingest
 * restart, and reach Kafka in order when it is back. Uses its own embedded Kafka, which it stops.
 */
class SpoolIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void smsWhileKafkaIsDownAreSpooledAndDeliveredInOrderAfterRestart() throws Exception {
        String run = RunId.next();
        Path kafkaDir = EmbeddedKafka.tempDataDir("ingest-spool-kafka");
        Path data = Files.createTempDirectory("ingest-spool");
        EmbeddedKafka kafka = new EmbeddedKafka(kafkaDir, 0).start();
        int port = kafka.port();
        KafkaClients clients = new KafkaClients(new BourtolConfig.Kafka(kafka.bootstrap(), "PLAINTEXT", "PLAIN", null, null, null, null, 0));
        TopicAdmin.ensureTopics(clients, TopicLayout.SINGLE_NODE);
        IngestIT.publishZones(clients);

        IngestHarness first = new IngestHarness(kafka.bootstrap(), null, null, data, Map.of());
        IngestIT.ingest = first;
        assertTrue(IngestIT.sms("SM" + run + "0", "+22376000009", "NIVEAU mopti 600").body().contains("Recu "));
        Poll.until(WAIT, "first reading on kafka", () -> ids(clients).contains("sms-SM" + run + "0"));

        kafka.close();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> r = IngestIT.sms("SM" + run + i, "+22376000009", "NIVEAU mopti " + (600 + i));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("Recu ") && r.body().contains("niveau Mopti " + (600 + i) + " cm"), r.body());
        }
        assertTrue(first.health.snapshot().encode().contains("3 records spooled"), first.health.snapshot().encode());
        HttpResponse<String> api = first.send("POST", "/api/v1/observations", IngestHarness.ADMIN, "application/json",
                "[{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":600,\"observedAt\":\"2026-11-24T07:00:00Z\"}]");
        assertEquals(503, api.statusCode(), api.body());
        assertTrue(api.headers().firstValue("Retry-After").isPresent());
        first.close();

        EmbeddedKafka again = new EmbeddedKafka(kafkaDir, port).start();
        IngestHarness second = new IngestHarness(again.bootstrap(), null, null, data, Map.of());
        try {
            Poll.until(WAIT, "spooled readings on kafka", () -> ids(clients).contains("sms-SM" + run + "3"));
            List<String> ids = ids(clients);
            assertEquals(List.of("sms-SM" + run + "0", "sms-SM" + run + "1", "sms-SM" + run + "2", "sms-SM" + run + "3"), ids,
                    "each once, in order");
            Poll.until(WAIT, "spool empty", () -> second.health.snapshot().encode().contains("0 records spooled"));
        } finally {
            second.close();
            again.close();
        }
    }

    private static List<String> ids(KafkaClients clients) {
        return TopicReader.raw(clients, Topics.OBSERVATIONS.name()).stream()
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> {
                    Observation o = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize("t", r.value());
                    return o.id();
                }).toList();
    }
}
