package org.bourtol.ingest.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GazetteerTest {

    private static final Gazetteer SAHEL = ZonesFixture.gazetteer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "Konna;konna", "KONNA;konna", "kona;konna", "konan;konna", "Djenné;djenne", "djene;djenne", "dienne;djenne",
        "Mopti;mopti-ville", "mpoti;mopti-ville", "sevare;mopti-ville", "Tombouctou;kabara", "timbuktu;kabara",
        "tombouktou;kabara", "Ségou;segou", "Diré;dire", "Mare de Konna;wp-konna-mare", "mare de kona;wp-konna-mare",
        "Rizieres de Djenne;farm-djenne-rice", "niamey;niamey", "niamy;niamey", "koulikro;koulikoro", "Kabara (Tombouctou);kabara",
        "ML-5;region-mopti", "Tillabéri;region-tillaberi", "tilaberi;region-tillaberi"})
    void resolvesNamesAliasesAndCloseMisspellings(String text, String zoneId) {
        Resolution r = SAHEL.resolve(text);
        assertInstanceOf(Resolution.Found.class, r, () -> text + " gave " + r);
        assertEquals(zoneId, ((Resolution.Found) r).place().zoneId());
    }

    @Test
    void coordinatesAreAPlace() {
        Resolution.Found f = (Resolution.Found) SAHEL.resolve("14.35,-4.12");
        assertEquals(14.35, f.place().lat(), 1e-9);
        assertEquals(-4.12, f.place().lon(), 1e-9);
        assertEquals(null, f.place().zoneId());
        assertInstanceOf(Resolution.Unknown.class, SAHEL.resolve("95.0,-4.12"));
    }

    @Test
    void unknownPlaceGivesTheNearestNames() {
        Resolution r = SAHEL.resolve("konnna djenne bamba");
        assertInstanceOf(Resolution.Unknown.class, r);
        Resolution.Unknown u = (Resolution.Unknown) SAHEL.resolve(List.of("gau"), 0, p -> true);
        assertTrue(u.nearest().stream().anyMatch(p -> p.name().equals("Gao")), u.toString());
        assertTrue(u.nearest().size() <= 3);
    }

    @Test
    void representativePointsLieInTheZone() {
        Place konna = SAHEL.byId("konna");
        assertTrue(konna.lat() > 14 && konna.lat() < 15.5 && konna.lon() > -4.5 && konna.lon() < -3, konna.toString());
        Place niamey = SAHEL.byId("niamey");
        assertEquals(ZoneKind.STATION, niamey.kind());
        assertEquals("Segou", SAHEL.byId("segou").name());
    }

    @Test
    void twoPlacesOfTheSameKindWithTheSameNameAreAmbiguous() {
        Gazetteer g = Gazetteer.of(List.of(commune("kona-nord", "Kona", 14.9, -3.9), commune("kona-sud", "Kona", 14.1, -3.9),
                commune("dialloube", "Dialloubé", 14.6, -4.1)));
        Resolution r = g.resolve("kona");
        assertInstanceOf(Resolution.Ambiguous.class, r);
        assertEquals(2, ((Resolution.Ambiguous) r).candidates().size());
        assertEquals("dialloube", ((Resolution.Found) g.resolve("dialoube")).place().zoneId());
    }

    @Test
    void misspellingsAreToleratedByLength() {
        assertEquals(0, Fold.tolerance(3));
        assertEquals(1, Fold.tolerance(5));
        assertEquals(2, Fold.tolerance(8));
        assertEquals(3, Fold.tolerance(12));
        assertEquals(1, Fold.distance("mopti", "mpoti"));
        assertEquals(1, Fold.distance("konna", "kona"));
        assertEquals(2, Fold.distance("djenne", "dinne"));
    }

    static Zone commune(String id, String name, double lat, double lon) {
        ObjectNode point = JsonNodeFactory.instance.objectNode().put("type", "Point");
        point.putArray("coordinates").add(lon).add(lat);
        return new Zone(id, ZoneKind.COMMUNE, name, List.of(), null, point, null);
    }
}
