package org.bourtol.ingest.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Predicate;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Json;
import org.bourtol.ingest.validation.InvalidInput;
import org.bourtol.ingest.validation.ObservationReader;

/**
 * One MQTT message (topic + payload) to an observation or a rejection (docs/mqtt.md). Topics:
 * {@code {prefix}/herd|gauge|rain|report/{id}} and the LoRaWAN uplink topics. The record id is an
 * HMAC of topic and payload keyed with the pseudonym key, so a redelivered message yields the same
 * record and a phone number in the topic cannot be recovered by trying numbers. A topic id that looks
 * like a phone number in any writing ({@link Phones#isPhoneLike}) is replaced by its pseudonym. The
 * topic proves nothing by itself: a report is verified only when its reporter is a verified focal
 * point, a gauge or rain reading only when its station is known; the broker's ACL (one device, one
 * id) is what makes the topic id the sender's. Pure apart from the functions passed in.
 */
public final class MqttMessageParser {

    private static final int KEPT_PAYLOAD_CHARS = 4096;

    private final String prefix;
    private final int maxPayloadBytes;
    private final ObservationReader reader;
    private final Pseudonyms pseudonyms;
    private final Predicate<String> verifiedReporter;
    private final Predicate<String> knownStation;

    /**
     * @param verifiedReporter whether a reporter id (a pseudonym or a plain id) is a verified focal point
     * @param knownStation     whether a station id of a gauge or rain topic is a known station (a zone id)
     */
    public MqttMessageParser(String prefix, int maxPayloadBytes, ObservationReader reader, Pseudonyms pseudonyms,
                             Predicate<String> verifiedReporter, Predicate<String> knownStation) {
        this.prefix = prefix;
        this.maxPayloadBytes = maxPayloadBytes;
        this.reader = reader;
        this.pseudonyms = pseudonyms;
        this.verifiedReporter = verifiedReporter;
        this.knownStation = knownStation;
    }

    public MqttInput parse(String topic, byte[] payload, Instant receivedAt) {
        Source source = topic.startsWith(prefix + "/") ? Source.MQTT : Source.LORAWAN;
        String id = pseudonyms.keyedId(source == Source.MQTT ? "mqtt-" : "lorawan-", topic.getBytes(StandardCharsets.UTF_8), payload);
        String reporterId = null;
        try {
            if (payload.length > maxPayloadBytes) {
                throw new InvalidInput("too-large", "payload of " + payload.length + " bytes is over the limit of " + maxPayloadBytes);
            }
            String[] levels = topic.split("/", -1);
            if (source == Source.MQTT) {
                String[] rest = topic.substring(prefix.length() + 1).split("/", -1);
                if (rest.length != 2 || rest[1].isEmpty()) {
                    throw unknownTopic(topic);
                }
                String kind = rest[0];
                String subject = pseudonyms.ofId(rest[1]);
                boolean verified = switch (kind) {
                    case "report" -> {
                        reporterId = subject;
                        yield verifiedReporter.test(reporterId);
                    }
                    case "gauge", "rain" -> knownStation.test(subject);
                    case "herd" -> true;
                    default -> throw unknownTopic(topic);
                };
                return new MqttInput.Accepted(reader.read(kind, subject, json(payload),
                        new ObservationReader.Meta(id, source, receivedAt, reporterId, verified)));
            }
            JsonNode herd;
            if (levels.length == 6 && levels[0].equals("application") && levels[2].equals("device") && levels[4].equals("event")
                    && levels[5].equals("up")) {
                herd = LoraWan.chirpstack(json(payload), levels[3]);
            } else if (levels.length == 5 && levels[0].equals("v3") && levels[2].equals("devices") && levels[4].equals("up")) {
                herd = LoraWan.tts(json(payload), levels[3]);
            } else {
                throw unknownTopic(topic);
            }
            return new MqttInput.Accepted(reader.read("herd", herd.get("herdId").asText(), herd,
                    new ObservationReader.Meta(id, source, receivedAt, null, true)));
        } catch (InvalidInput e) {
            String text = new String(payload, 0, Math.min(payload.length, KEPT_PAYLOAD_CHARS * 4), StandardCharsets.UTF_8);
            text = text.length() > KEPT_PAYLOAD_CHARS ? text.substring(0, KEPT_PAYLOAD_CHARS) : text;
            String origin = Phones.maskInText(topic);
            return new MqttInput.Refused(new Rejected(id, source, origin, receivedAt, e.code(),
                    Phones.maskInPayload(e.getMessage()), Phones.maskInPayload(text), reporterId));
        }
    }

    private static InvalidInput unknownTopic(String topic) {
        return new InvalidInput("unknown-topic", "unknown topic " + Phones.maskInText(topic)
                + " (expected {prefix}/herd|gauge|rain|report/{id} or a LoRaWAN uplink topic)");
    }

    private static JsonNode json(byte[] payload) {
        try {
            JsonNode n = Json.MAPPER.readTree(payload);
            if (n == null || !n.isObject()) {
                throw new InvalidInput("bad-json", "payload is not a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInput("bad-json", "payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput("bad-json", "payload is not valid JSON");
        }
    }
}
