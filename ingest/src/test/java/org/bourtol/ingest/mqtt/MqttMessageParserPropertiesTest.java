package org.bourtol.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.topic.Json;

/**
 * Property-based fuzzing of the MQTT payload parser: any topic and any payload — random bytes, JSON of
 * the wrong shape, the right fields with wild values, deep nesting, oversize — gives an observation or
 * a rejection with a code and a reason that keeps the payload (bounded); never an exception.
 */
class MqttMessageParserPropertiesTest {

    @Property(tries = 250)
    void everyMessageIsAnObservationOrARejectionWithAReason(@ForAll("topics") String topic, @ForAll("payloads") byte[] payload) {
        MqttInput in = MqttMessageParserTest.PARSER.parse(topic, payload, MqttMessageParserTest.T0);
        assertNotNull(in);
        if (in instanceof MqttInput.Refused r) {
            Rejected rej = r.rejected();
            assertFalse(rej.code() == null || rej.code().isBlank(), () -> "no code for " + topic);
            assertFalse(rej.reason() == null || rej.reason().isBlank(), () -> "no reason for " + topic);
            assertTrue(rej.payload().length() <= 4096, "the kept payload is bounded");
            assertFalse(rej.origin().contains("76000001"), "no phone number in the origin: " + rej.origin());
        } else {
            assertNotNull(((MqttInput.Accepted) in).observation().id());
        }
    }

    @Provide
    Arbitrary<String> topics() {
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of("niamey", "collar-17", "r-known", "+22376000001", "", "a/b", "#", "+"),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> kind = Arbitraries.of("herd", "gauge", "rain", "report", "alerts", "", "HERD");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                kind.flatMap(k -> id.map(i -> "bourtol/v1/" + k + "/" + i)),
                id.map(i -> "application/1/device/" + i + "/event/up"),
                id.map(i -> "v3/app/devices/" + i + "/up"));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.of("2026-11-24T07:59:00Z", "2026-11-24T07:59:00+00:00", "9999-12-31T23:59:59Z", "yesterday", "cattle",
                        "goats", "clash", "fire", "1e400", "NaN").map(s -> (Object) s),
                Arbitraries.just((Object) null),
                Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of("herdId", "lat", "lon", "headCount", "species", "observedAt",
                "headingDeg", "speedKmh", "batteryPct", "levelCm", "mm", "type", "text", "zone", "reporterId", "stationId", "deviceId",
                "object", "data", "uplink_message", "decoded_payload", "deviceInfo"), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<byte[]> object = Arbitraries.maps(field, value).ofMaxSize(10).map(MqttMessageParserPropertiesTest::json);
        Arbitrary<byte[]> nested = Arbitraries.integers().between(1, 3000)
                .map(d -> ("{\"a\":".repeat(d) + "1" + "}".repeat(d)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                Tuple.of(5, object),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(100).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, nested),
                Tuple.of(1, Arbitraries.integers().between(16_000, 70_000).map(n -> ("{\"text\":\"" + "x".repeat(n) + "\"}")
                        .getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] json(Map<String, Object> fields) {
        try {
            return Json.MAPPER.writeValueAsBytes(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
