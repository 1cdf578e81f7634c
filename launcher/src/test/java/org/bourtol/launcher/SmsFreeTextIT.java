package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.contracts.triage.TriageMessage;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.bourtol.platform.http.TwilioSigner;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain-words SMS through the signed Twilio webhook of the embedded platform ({@code run --embedded}):
 * a clash told in free text ("bagarre ... a Konna, 2 blesses") becomes a free-text incident report and
 * raises the same alert (rule, severity) as the card's {@code ALERTE CONFLIT} at Djenne; a message naming
 * only a place goes to the triage topic and is not an observation.
 */
@Timeout(300)
class SmsFreeTextIT {

    private static final String TOKEN = "sms-free-text-it-token-0123456789";

    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPlainWordsClashRaisesTheSameAlertAsTheCardAndAPlaceOnlyMessageIsTriaged() throws Exception {
        try (Instance p = EmbeddedInstances.start(dataDir, "TWILIO_AUTH_TOKEN", TOKEN)) {
            String free = sms(p, "SMFREE1", "Bonjour, bagarre entre eleveurs et cultivateurs a Konna, 2 blesses. Moussa");
            assertTrue(free.contains(": alerte conflit a Konna."), free);
            String card = sms(p, "SMCARD1", "ALERTE CONFLIT Djenne");
            assertTrue(card.contains(": alerte conflit a Djenne."), card);
            String unclear = sms(p, "SMPLACE1", "il se passe quelque chose a Konna, rappelez moi");
            assertTrue(unclear.contains("un agent va lire votre message"), unclear);

            List<Observation> observations = new ArrayList<>();
            Poll.until(Duration.ofSeconds(60), "both incident reports on the observations topic", () -> {
                observations.addAll(read(p, Topics.OBSERVATIONS));
                return observations.stream().filter(o -> o instanceof CommunityReport).count() >= 2;
            });
            CommunityReport report = (CommunityReport) observations.stream().filter(o -> o.id().equals("sms-SMFREE1")).findFirst().orElseThrow();
            assertEquals(ReportType.CLASH, report.type());
            assertEquals("konna", report.zoneId());
            assertTrue(report.freeText());
            assertFalse(report.verified(), "an unknown sender is not verified");
            assertEquals(List.of("bagarre", "blesses"), report.matchedWords());

            List<AlertEvent> alerts = new ArrayList<>();
            Poll.until(Duration.ofSeconds(120), "an alert for Konna and one for Djenne", () -> {
                alerts.addAll(read(p, Topics.ALERTS));
                return zones(alerts).containsKey("konna") && zones(alerts).containsKey("djenne");
            });
            AlertEvent konna = zones(alerts).get("konna");
            AlertEvent djenne = zones(alerts).get("djenne");
            assertEquals(djenne.alert().rule(), konna.alert().rule(), "the same rule fires");
            assertEquals(djenne.alert().severity(), konna.alert().severity(), "with the same severity");

            List<TriageMessage> triage = new ArrayList<>();
            Poll.until(Duration.ofSeconds(60), "the place-only message on the triage topic", () -> {
                triage.addAll(read(p, Topics.TRIAGE));
                return !triage.isEmpty();
            });
            TriageMessage t = triage.get(0);
            assertEquals("sms-SMPLACE1", t.id());
            assertEquals("konna", t.zoneId());
            assertEquals(null, t.type());
            assertTrue(read(p, Topics.OBSERVATIONS).stream().noneMatch(o -> o.id().equals("sms-SMPLACE1")), "not an observation");
        }
    }

    /** The first alert event per zone. */
    private static Map<String, AlertEvent> zones(List<AlertEvent> events) {
        return events.stream().collect(Collectors.toMap(e -> e.alert().zone(), e -> e, (a, b) -> a, LinkedHashMap::new));
    }

    private String sms(Instance p, String sid, String body) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("From", "+22376009999");
        form.put("To", "+22370000000");
        form.put("Body", body);
        String url = p.httpBase().replaceAll("/$", "") + "/sms/inbound";
        String encoded = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", new TwilioSigner(TOKEN).sign(url, form))
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Every record of the topic, from the beginning. */
    private static <V> List<V> read(Instance p, Topic<String, V> topic) {
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p.kafka().consumer(null),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
                    .map(i -> new TopicPartition(topic.name(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Poll.until(Duration.ofSeconds(30), topic.name() + " read to its end", () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
                return parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return out;
    }
}
