package org.bourtol.notifier.cap;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.validation.Schema;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.Json;
import org.bourtol.notifier.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** CAP rendering validated against the OASIS CAP 1.2 schema (javax.xml.validation), and XXE-safe parsing. */
class CapRendererTest {

    static Schema schema;
    final CapRenderer renderer = new CapRenderer("bourtol@example.org", "https://bourtol.example.org");

    @BeforeAll
    static void loadSchema() throws Exception {
        schema = SafeXml.schema(CapRendererTest.class.getResource("/cap/CAP-v1.2.xsd"));
    }

    static JsonNode geometry(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "RAISED|active|Alert|{\"type\":\"Point\",\"coordinates\":[2.1098,13.5116]}",
        "UPDATED|active|Update|{\"type\":\"Polygon\",\"coordinates\":[[[-4.2,14.4],[-4.1,14.4],[-4.1,14.5],[-4.2,14.4]]]}",
        "ACKNOWLEDGED|active|Update|{\"type\":\"MultiPolygon\",\"coordinates\":[[[[-4.2,14.4],[-4.1,14.4],[-4.1,14.5],[-4.2,14.5],[-4.2,14.4]]],[[[1,1],[2,1],[2,2],[1,1]]]]}",
        "ESCALATED|active|Update|{\"type\":\"LineString\",\"coordinates\":[[-5.0,14.2],[-4.9,14.3],[-4.8,14.3]]}",
        "RESOLVED|resolved|Cancel|{\"type\":\"Point\",\"coordinates\":[2.1098,13.5116]}"})
    void validAgainstTheCap12Schema(AlertEventType type, String state, String msgType, String geo) throws Exception {
        Alert a = alert("niamey-gauge-level-1", "K7Q", Hazard.FLOOD, "niamey", Severity.Extreme, AlertState.fromWire(state), false);
        String xml = renderer.render(event(a, type, 2), geometry(geo));
        SafeXml.validate(schema, xml);
        Document doc = SafeXml.parse(xml);
        assertEquals(msgType, doc.getElementsByTagNameNS(CapRenderer.NS, "msgType").item(0).getTextContent());
        assertEquals(2, doc.getElementsByTagNameNS(CapRenderer.NS, "info").getLength(), "one info per language");
        assertEquals("fr", doc.getElementsByTagNameNS(CapRenderer.NS, "language").item(0).getTextContent());
        assertEquals("en", doc.getElementsByTagNameNS(CapRenderer.NS, "language").item(1).getTextContent());
        String areaDesc = doc.getElementsByTagNameNS(CapRenderer.NS, "areaDesc").item(0).getTextContent();
        assertTrue(areaDesc.length() < 50);
        int shapes = doc.getElementsByTagNameNS(CapRenderer.NS, "polygon").getLength()
                + doc.getElementsByTagNameNS(CapRenderer.NS, "circle").getLength();
        assertTrue(shapes >= 2, "a polygon or circle in each info's area");
        assertEquals(!"Alert".equals(msgType), doc.getElementsByTagNameNS(CapRenderer.NS, "references").getLength() == 1);
        assertTrue(xml.contains("<sent>2026-09-10T10:00:00+00:00</sent>"), xml);
    }

    @Test
    void longPlaceNamesAreCutAndPolygonsClosed() throws Exception {
        CapArea area = CapArea.of("Piste de traversee de Diafarabe (Yaaral) et abords du fleuve Niger",
                geometry("{\"type\":\"Polygon\",\"coordinates\":[[[-4.2,14.4],[-4.1,14.4],[-4.1,14.5]]]}"));
        assertTrue(area.description().length() < 50, area.description());
        assertEquals(List.of("14.4,-4.2 14.4,-4.1 14.5,-4.1 14.4,-4.2"), area.polygons());
        assertEquals(List.of("13.5116,2.1098 10.0"), CapArea.of("Niamey",
                geometry("{\"type\":\"Point\",\"coordinates\":[2.1098,13.5116]}")).circles());
    }

    @Test
    void atomFeedListsActiveAlertsOnly() throws Exception {
        Alert active = alert("a-active", "K1A", Hazard.FLOOD, "niamey", Severity.Severe, AlertState.ACTIVE, false);
        Alert resolved = alert("a-resolved", "K2B", Hazard.FLOOD, "mopti", Severity.Severe, AlertState.RESOLVED, false);
        String atom = AtomFeed.render(List.of(event(active, AlertEventType.RAISED, 1), event(resolved, AlertEventType.RESOLVED, 3)),
                "https://bourtol.example.org", Fixtures.T0);
        Document doc = SafeXml.parse(atom);
        assertEquals(1, doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
        assertTrue(atom.contains("https://bourtol.example.org/cap/alerts/a-active.xml"));
    }

    @Test
    void xxeDocumentsAreRefused() throws Exception {
        String xxe;
        try (var in = CapRendererTest.class.getResourceAsStream("/cap/google_xee.cap")) {
            xxe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String payload = xxe;
        SAXException e = assertThrows(SAXException.class, () -> SafeXml.parse(payload));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertThrows(SAXException.class, () -> SafeXml.validate(schema, payload));
    }

    @Test
    void theOasisExampleValidatesWithTheSameValidator() throws Exception {
        try (var in = CapRendererTest.class.getResourceAsStream("/cap/oasis_spec_example1.xml")) {
            SafeXml.validate(schema, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
