package org.bourtol.contracts.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.topic.Json;
import org.junit.jupiter.api.Test;

/**
 * Records written by the code before the typed fields ({@link AlertState}, the delivery step) read back
 * and serialize to the same JSON. The resources under {@code wire/} were written by that older code and
 * are never regenerated: a change that alters the wire form fails here. Objects are compared as JSON
 * trees (every field, name and value); map entries such as {@code headline} have no fixed order.
 */
class WireCompatibilityTest {

    @Test
    void alertEventsWrittenBeforeTheTypesReadAndWriteTheSameJson() throws IOException {
        List<String> lines = roundTrip("wire/alert-events-v1.jsonl", AlertEvent.class, 6);
        AlertEvent resolved = Json.MAPPER.readValue(lines.get(3), AlertEvent.class);
        assertEquals(AlertState.RESOLVED, resolved.alert().state());
        assertTrue(Json.MAPPER.writeValueAsString(resolved).contains("\"state\":\"resolved\""));
    }

    @Test
    void deliveriesWrittenBeforeTheTypesReadAndWriteTheSameJson() throws IOException {
        for (String line : roundTrip("wire/deliveries-v1.jsonl", Delivery.class, 8)) {
            assertEquals(line, Json.MAPPER.writeValueAsString(Json.MAPPER.readValue(line, Delivery.class)), "no maps: byte for byte");
        }
    }

    @Test
    void anUnknownAlertStateIsRefusedWithItsName() {
        String json = "{\"id\":\"a\",\"code\":\"C\",\"hazard\":\"flood\",\"severity\":\"Minor\",\"zone\":\"niamey\",\"state\":\"paused\"}";
        Exception e = assertThrows(IOException.class, () -> Json.MAPPER.readValue(json, Alert.class));
        assertTrue(e.getMessage().contains("paused"), e.getMessage());
    }

    @Test
    void theBuilderCopiesEveryField() throws IOException {
        for (String line : lines("wire/alert-events-v1.jsonl")) {
            Alert a = Json.MAPPER.readValue(line, AlertEvent.class).alert();
            assertEquals(a, a.toBuilder().build());
        }
    }

    /** Every line of {@code resource} (there are {@code count}) reads as {@code type} and writes the same JSON tree. */
    private static List<String> roundTrip(String resource, Class<?> type, int count) throws IOException {
        List<String> lines = lines(resource);
        assertEquals(count, lines.size());
        for (String line : lines) {
            assertEquals(Json.MAPPER.readTree(line), Json.MAPPER.valueToTree(Json.MAPPER.readValue(line, type)), line);
        }
        return lines;
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = WireCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
