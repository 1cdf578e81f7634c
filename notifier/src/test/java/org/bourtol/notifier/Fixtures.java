package org.bourtol.notifier;

import org.bourtol.contracts.alert.AlertState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.QuietHours;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.Json;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.routing.ZoneHierarchy;

/** Test data builders shared by unit tests and ITs. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-09-10T10:00:00Z");

    private Fixtures() {
    }

    public static JsonNode square(double lon, double lat) {
        ObjectNode g = Json.MAPPER.createObjectNode().put("type", "Polygon");
        var ring = g.putArray("coordinates").addArray();
        double[][] pts = {{lon, lat}, {lon + 0.1, lat}, {lon + 0.1, lat + 0.1}, {lon, lat + 0.1}, {lon, lat}};
        for (double[] p : pts) {
            ring.addArray().add(p[0]).add(p[1]);
        }
        return g;
    }

    public static JsonNode point(double lon, double lat) {
        ObjectNode g = Json.MAPPER.createObjectNode().put("type", "Point");
        g.putArray("coordinates").add(lon).add(lat);
        return g;
    }

    public static Zone zone(String id, ZoneKind kind, String name, String parent) {
        return new Zone(id, kind, name, List.of(), parent, kind == ZoneKind.STATION ? point(2.1, 13.5) : square(2.1, 13.5), null);
    }

    /**
     * The zones of the Mopti region the routing and planning tests share: the region, its cercle, the commune of Konna
     * in the cercle and Konna's rice fields; the communes of Djenne (with its well) and Diafarabe directly in the region.
     */
    public static final List<Zone> MOPTI_ZONES = List.of(
            zone("region-mopti", ZoneKind.REGION, "Mopti", null),
            zone("cercle-mopti", ZoneKind.CERCLE, "Cercle de Mopti", "region-mopti"),
            zone("konna", ZoneKind.COMMUNE, "Konna", "cercle-mopti"),
            zone("farm-konna", ZoneKind.FARMLAND, "Rizieres de Konna", "konna"),
            zone("djenne", ZoneKind.COMMUNE, "Djenne", "region-mopti"),
            zone("wp-djenne", ZoneKind.WATER_POINT, "Puits de Djenne", "djenne"),
            zone("diafarabe", ZoneKind.COMMUNE, "Diafarabe", "region-mopti"));

    /** {@link #MOPTI_ZONES} as a tree. */
    public static final ZoneHierarchy MOPTI = ZoneHierarchy.of(MOPTI_ZONES);

    public static Recipient recipient(String id, String role, String phone, String lang, List<String> zones, List<Hazard> hazards,
                                      Severity min, QuietHours quiet) {
        return new Recipient(id, id + " name", role, phone, lang, zones, hazards, min, List.of("sms"), quiet, null);
    }

    /** A recipient of every hazard and severity in one zone, reading French, with no role and no quiet hours. */
    public static Recipient recipient(String id, String phone, String zone) {
        return recipient(id, null, phone, "fr", List.of(zone), null, null, null);
    }

    /** The recipients by id, as the planner reads the directory. */
    public static Map<String, Recipient> byId(Recipient... recipients) {
        Map<String, Recipient> out = new LinkedHashMap<>();
        for (Recipient r : recipients) {
            out.put(r.id(), r);
        }
        return out;
    }

    public static Alert alert(String id, String code, Hazard hazard, String zone, Severity severity, AlertState state, boolean acked) {
        Alert.Builder b = Alert.builder().id(id, code).rule(id + "-rule", "gauge-level").hazard(hazard).zone(zone, "Niamey", null)
                .state(state).severity(severity).urgency(Urgency.Immediate).certainty(Certainty.Observed).level("danger")
                .headline(Map.of("fr", "Niger a Niamey: 640 cm, seuil rouge 620 cm depasse",
                        "en", "Niger at Niamey: 640 cm, red level 620 cm exceeded"))
                .raisedAt(T0).updatedAt(T0).resolvedAt(state == AlertState.RESOLVED ? T0.plusSeconds(3600) : null)
                .evidence(List.of(new Evidence("obs-1", "gauge", T0, "640 cm", null)));
        return (acked ? b.acknowledged("r-test", T0.plusSeconds(60)) : b).build();
    }

    /** An active alert with its own place and headlines (fr, en), e.g. to check what a recipient reads. */
    public static Alert alert(String id, String code, Hazard hazard, String zone, String zoneName, Severity severity, String fr, String en) {
        return Alert.builder().id(id, code).rule(id + "-rule", "report-window").hazard(hazard).zone(zone, zoneName, null)
                .state(AlertState.ACTIVE).severity(severity).urgency(Urgency.Immediate).certainty(Certainty.Observed).level("danger")
                .headline(Map.of("fr", fr, "en", en)).raisedAt(T0).updatedAt(T0).build();
    }

    public static AlertEvent event(Alert a, AlertEventType type, int seq) {
        return new AlertEvent(a.id() + "/" + type + "/" + seq, a.id(), type, seq, T0, a, null);
    }

    /** The intent of a one-segment SMS of {@code alertIds} (comma-separated {@code steps}) to {@code recipientId}. */
    public static Delivery intent(String id, List<String> alertIds, String steps, String recipientId, Instant at) {
        return Delivery.intent(id, alertIds, steps, recipientId, "+223****0001", 1, at, null);
    }

    /** Records in {@code ledger} the intent and then the accepted outcome (message id {@code SM-<id>}) of one SMS, as the dispatcher does. */
    public static void sent(Ledger ledger, String id, List<String> alertIds, String steps, String recipientId, Instant at) {
        Delivery intent = intent(id, alertIds, steps, recipientId, at);
        ledger.apply(intent);
        ledger.apply(intent.outcome(DeliveryStatus.SENT, at, "SM-" + id, null, null, 1));
    }
}
