package org.bourtol.notifier.cap;

import static org.bourtol.notifier.cap.XmlDocument.text;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;

/** The Atom feed of active alerts, each entry linking to its CAP 1.2 document (the usual CAP index form). Pure. */
public final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    public static String render(Collection<AlertEvent> events, String baseUrl, Instant now) {
        String base = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        List<AlertEvent> active = events.stream().filter(e -> e.alert().active())
                .sorted(Comparator.comparing(CapRenderer::sentOf).reversed()).toList();
        Instant updated = active.stream().map(CapRenderer::sentOf).max(Comparator.naturalOrder()).orElse(now);
        try {
            return XmlDocument.render("feed", ATOM, w -> {
                text(w, "id", "urn:bourtol:cap:active");
                text(w, "title", "Bourtol - active alerts (CAP 1.2)");
                text(w, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
                w.writeStartElement("author");
                text(w, "name", "Bourtol");
                w.writeEndElement();
                link(w, "self", "application/atom+xml", base + "/cap/alerts.atom");
                for (AlertEvent ev : active) {
                    entry(w, ev, base);
                }
            });
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Atom rendering failed", e);
        }
    }

    private static void entry(XMLStreamWriter w, AlertEvent ev, String base) throws XMLStreamException {
        Alert a = ev.alert();
        w.writeStartElement("entry");
        text(w, "id", "urn:bourtol:alert:" + a.id());
        text(w, "title", a.headline().getOrDefault("fr", a.headline().getOrDefault("en", a.hazard().wire() + " " + a.zone())));
        text(w, "updated", DateTimeFormatter.ISO_INSTANT.format(CapRenderer.sentOf(ev)));
        text(w, "summary", a.severity().name() + " " + a.hazard().wire() + " - " + (a.zoneName() != null ? a.zoneName() : a.zone())
                + " (" + CapRenderer.msgType(ev) + ")");
        link(w, "alternate", "application/cap+xml", base + "/cap/alerts/" + a.id() + ".xml");
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String type, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", type);
        w.writeAttribute("href", SafeXml.text(href));
    }
}
