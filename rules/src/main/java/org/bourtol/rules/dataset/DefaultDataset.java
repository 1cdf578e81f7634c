package org.bourtol.rules.dataset;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Json;
import org.bourtol.rules.zones.ZoneFeatures;

/**
 * The default Sahel dataset shipped in the contracts jar ({@code org/bourtol/dataset/}): Niger gauge
 * stations with their published levels, regions, example communes, farmland, water points, corridors,
 * and the rules the demo uses.
 */
public final class DefaultDataset {

    public static final String ZONES = "/org/bourtol/dataset/sahel-zones.geojson";
    public static final String RULES = "/org/bourtol/dataset/sahel-rules.json";

    private DefaultDataset() {
    }

    public static List<Zone> zones() {
        try (InputStream in = open(ZONES)) {
            return ZoneFeatures.fromCollection(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<RuleDocument> rules() {
        try (InputStream in = open(RULES)) {
            return Json.MAPPER.readValue(in, new TypeReference<List<RuleDocument>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = DefaultDataset.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("default dataset resource " + resource + " is missing from the classpath");
        }
        return in;
    }
}
