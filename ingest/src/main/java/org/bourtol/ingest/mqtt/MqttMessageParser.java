package org.bourtol.ingest.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.topic.Json;
import org.bourtol.ingest.validation.InvalidInput;
import org.bourtol.ingest.validation.ObservationReader;
import org.bourtol.ingest.validation.PayloadMask;

/**
 * One MQTT message (topic + payload) to an observation or a rejection (docs/mqtt.md). Topics:
 * {@code {prefix}/herd|gauge|rain|report/{id}} and the LoRaWAN uplink topics. The id is a hash of
 * topic and payload, so a redelivered message yields the same record. Reporter ids that look like
 * phone numbers are replaced by their pseudonym. Pure apart from the functions passed in.
 */
public final class MqttMessageParser {

    private static final int KEPT_PAYLOAD_CHARS = 4096;

    private final String prefix;
    private final int maxPayloadBytes;
    private final ObservationReader reader;
    private final Function<String, String> pseudonymOfPhone;
    private final Predicate<String> verifiedReporter;

    public MqttMessageParser(String prefix, int maxPayloadBytes, ObservationReader reader, Function<String, String> pseudonymOfPhone,
                             Predicate<String> verifiedReporter) {
        this.prefix = prefix;
        this.maxPayloadBytes = maxPayloadBytes;
        this.reader = reader;
        this.pseudonymOfPhone = pseudonymOfPhone;
        this.verifiedReporter = verifiedReporter;
    }

    public MqttInput parse(String topic, byte[] payload, Instant receivedAt) {
        Source source = topic.startsWith(prefix + "/") ? Source.MQTT : Source.LORAWAN;
        String id = (source == Source.MQTT ? "mqtt-" : "lorawan-") + hash(topic, payload);
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
                String subject = rest[1];
                boolean verified = true;
                if (kind.equals("report")) {
                    reporterId = Phones.isE164(subject) ? pseudonymOfPhone.apply(subject) : subject;
                    verified = verifiedReporter.test(reporterId);
                } else if (!kind.equals("herd") && !kind.equals("gauge") && !kind.equals("rain")) {
                    throw unknownTopic(topic);
                }
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
            return new MqttInput.Refused(new Rejected(id, source, origin, receivedAt, e.code(), e.getMessage(),
                    PayloadMask.mask(text), reporterId));
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

    static String hash(String topic, byte[] payload) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(topic.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(payload);
            return HexFormat.of().formatHex(d.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
