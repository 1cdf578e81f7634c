package org.bourtol.notifier.cap;

import static org.bourtol.notifier.cap.XmlDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.Hazard;

/**
 * Renders an alert's latest lifecycle step as a CAP 1.2 message: {@code msgType} Alert for the
 * raise, Update for later steps (referencing the original message), Cancel once resolved; one
 * {@code info} per language (fr and en, plus any language the rules wrote a headline in); one
 * {@code area} with the zone's polygon(s) or a circle ({@link CapArea}) and an {@code areaDesc} under
 * 50 characters. An officer-issued warning has its office as {@code sender}, a {@code source} naming
 * who issued and approved it, status Test when it is a test, and one geocode per zone. Pure: output
 * only depends on the arguments.
 */
public final class CapRenderer {

    public static final String NS = "urn:oasis:names:tc:emergency:cap:1.2";
    static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final Map<String, Map<Hazard, String>> EVENT = Map.of(
            "fr", Map.of(Hazard.FLOOD, "Crue", Hazard.CONFLICT, "Risque de tension"),
            "en", Map.of(Hazard.FLOOD, "Flood", Hazard.CONFLICT, "Tension risk"));

    private final String sender;
    private final String publicUrl;

    /** @param publicUrl base URL for links (null: no web element) */
    public CapRenderer(String sender, String publicUrl) {
        this.sender = sender;
        this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
    }

    public static String msgType(AlertEvent ev) {
        if (!ev.alert().active()) {
            return "Cancel";
        }
        return ev.type() == AlertEventType.RAISED ? "Alert" : "Update";
    }

    static String identifier(Alert a, Instant at) {
        return "bourtol-" + a.id().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + at.getEpochSecond();
    }

    static Instant sentOf(AlertEvent ev) {
        Alert a = ev.alert();
        Instant at = ev.type() == AlertEventType.RAISED && a.raisedAt() != null ? a.raisedAt() : ev.at();
        return at == null ? Instant.EPOCH : at;
    }

    /** The CAP sender of an alert: the issuing office of an officer-issued warning, else this feed's sender. */
    String senderOf(Alert a) {
        return a.issued() != null && a.issued().office() != null ? a.issued().office() : sender;
    }

    static String source(Alert a) {
        if (a.issued() == null) {
            return "Bourtol rule " + a.rule();
        }
        return "Issued by hand by " + a.issued().by() + (a.issued().approvedBy() != null ? ", approved by " + a.issued().approvedBy() : "");
    }

    public String render(AlertEvent ev, JsonNode geometry) {
        Alert a = ev.alert();
        String type = msgType(ev);
        String sender = senderOf(a);
        Instant sent = sentOf(ev);
        Instant raised = a.raisedAt() != null ? a.raisedAt() : sent;
        try {
            return XmlDocument.render("alert", NS, w -> {
                text(w, "identifier", "Alert".equals(type) ? identifier(a, raised) : identifier(a, sent));
                text(w, "sender", sender);
                text(w, "sent", CAP_TIME.format(sent));
                text(w, "status", a.test() ? "Test" : "Actual");
                text(w, "msgType", type);
                text(w, "source", source(a));
                text(w, "scope", "Public");
                if (!"Alert".equals(type)) {
                    text(w, "note", "Cancel".equals(type) ? a.issued() != null && a.issued().cancelled() ? "The warning was cancelled."
                            : "The alert has ended." : "Lifecycle step: " + ev.type().name());
                    text(w, "references", sender + "," + identifier(a, raised) + "," + CAP_TIME.format(raised));
                }
                text(w, "incidents", a.id());
                for (String lang : languages(a)) {
                    info(w, ev, type, lang, geometry);
                }
            });
        } catch (XMLStreamException e) {
            throw new IllegalStateException("CAP rendering failed for alert " + a.id(), e);
        }
    }

    private void info(XMLStreamWriter w, AlertEvent ev, String type, String lang, JsonNode geometry) throws XMLStreamException {
        Alert a = ev.alert();
        w.writeStartElement("info");
        text(w, "language", lang);
        text(w, "category", a.hazard() == Hazard.FLOOD ? "Met" : "Security");
        text(w, "event", EVENT.getOrDefault(lang, EVENT.get("en")).get(a.hazard()));
        text(w, "responseType", "Cancel".equals(type) ? "AllClear" : a.hazard() == Hazard.FLOOD ? "Prepare" : "Monitor");
        text(w, "urgency", "Cancel".equals(type) ? "Past" : a.urgency() == null ? "Unknown" : a.urgency().name());
        text(w, "severity", a.severity().name());
        text(w, "certainty", a.certainty() == null ? "Unknown" : a.certainty().name());
        text(w, "senderName", a.issued() != null && a.issued().office() != null ? a.issued().office() : "Bourtol");
        String headline = a.headline().get(lang);
        text(w, "headline", headline != null ? headline : EVENT.getOrDefault(lang, EVENT.get("en")).get(a.hazard()) + " - "
                + (a.zoneName() != null ? a.zoneName() : a.zone()));
        String description = a.evidence().stream().map(Evidence::value).filter(v -> v != null && !v.isBlank()).limit(10)
                .collect(Collectors.joining("; "));
        if (!description.isEmpty()) {
            text(w, "description", description);
        }
        if (a.instruction().get(lang) != null) {
            text(w, "instruction", a.instruction().get(lang));
        }
        if (publicUrl != null) {
            text(w, "web", publicUrl + "/cap/alerts/" + a.id() + ".xml");
        }
        parameter(w, "bourtol:rule", a.rule());
        if (a.level() != null) {
            parameter(w, "bourtol:level", a.level());
        }
        CapArea area = CapArea.of(a.zoneName() != null ? a.zoneName() : a.zone(), geometry != null ? geometry : a.geometry());
        w.writeStartElement("area");
        text(w, "areaDesc", area.description());
        for (String p : area.polygons()) {
            text(w, "polygon", p);
        }
        for (String c : area.circles()) {
            text(w, "circle", c);
        }
        for (String zone : a.zones()) {
            w.writeStartElement("geocode");
            text(w, "valueName", "bourtol:zone");
            text(w, "value", zone);
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    private static List<String> languages(Alert a) {
        Set<String> langs = new LinkedHashSet<>(List.of("fr", "en"));
        a.headline().keySet().stream().filter(l -> l.matches("[a-z]{2,3}")).sorted().forEach(langs::add);
        return List.copyOf(langs);
    }

    private static void parameter(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement("parameter");
        text(w, "valueName", name);
        text(w, "value", value);
        w.writeEndElement();
    }
}
