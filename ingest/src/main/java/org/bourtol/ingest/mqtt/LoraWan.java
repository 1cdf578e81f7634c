package org.bourtol.ingest.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bourtol.ingest.validation.InvalidInput;

/**
 * Uplinks of LoRaWAN network servers (ChirpStack v4 {@code application/+/device/+/event/up}, The Things
 * Stack v3 {@code v3/+/devices/+/up}) with a decoded GPS object, turned into the herd payload shape.
 * Position fields accepted: {@code latitudeDeg/longitudeDeg} (Digital Matter Oyster codec),
 * {@code latitude/longitude} or {@code lat/lon}. The herd comes from the device tags (ChirpStack) or
 * attributes (TTS): {@code herd}, {@code headCount}, {@code species}; without them the herd id is the
 * device name, one head, species {@code mixed}. Pure.
 */
final class LoraWan {

    private LoraWan() {
    }

    static ObjectNode chirpstack(JsonNode up, String devEui) {
        JsonNode info = up.path("deviceInfo");
        JsonNode tags = info.path("tags");
        String device = info.hasNonNull("deviceName") ? info.get("deviceName").asText() : devEui;
        return herd(up.get("object"), tags, device, up.get("time"), "ChirpStack");
    }

    static ObjectNode tts(JsonNode up, String deviceId) {
        JsonNode msg = up.path("uplink_message");
        JsonNode time = up.hasNonNull("received_at") ? up.get("received_at") : msg.get("received_at");
        String device = up.path("end_device_ids").hasNonNull("device_id") ? up.path("end_device_ids").get("device_id").asText() : deviceId;
        return herd(msg.get("decoded_payload"), msg.path("attributes"), device, time, "The Things Stack");
    }

    private static ObjectNode herd(JsonNode object, JsonNode tags, String device, JsonNode time, String server) {
        if (object == null || object.isNull() || !object.isObject()) {
            throw new InvalidInput("no-position", "uplink without a decoded payload: configure a payload codec in " + server);
        }
        if (object.path("fixFailed").asBoolean(false)) {
            throw new InvalidInput("no-position", "the device reports a failed GPS fix");
        }
        JsonNode lat = first(object, "latitudeDeg", "latitude", "lat");
        JsonNode lon = first(object, "longitudeDeg", "longitude", "lon");
        if (lat == null || lon == null) {
            throw new InvalidInput("no-position", "decoded payload has no GPS position (latitudeDeg/longitudeDeg, latitude/longitude or lat/lon)");
        }
        if (time == null || time.isNull()) {
            throw new InvalidInput("missing-field", "uplink time is missing");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("herdId", tags.hasNonNull("herd") ? tags.get("herd").asText() : device);
        out.set("lat", lat);
        out.set("lon", lon);
        out.put("headCount", tags.hasNonNull("headCount") ? tags.get("headCount").asInt(1) : 1);
        out.put("species", tags.hasNonNull("species") ? tags.get("species").asText() : "mixed");
        out.set("observedAt", time);
        copy(object, out, "headingDeg", "headingDeg", "heading");
        copy(object, out, "speedKmh", "speedKmph", "speedKmh", "speed");
        copy(object, out, "batteryPct", "batteryPct", "battery");
        return out;
    }

    private static JsonNode first(JsonNode o, String... names) {
        for (String n : names) {
            if (o.hasNonNull(n)) {
                return o.get(n);
            }
        }
        return null;
    }

    private static void copy(JsonNode from, ObjectNode to, String target, String... names) {
        JsonNode v = first(from, names);
        if (v != null && v.isNumber()) {
            to.set(target, v);
        }
    }
}
