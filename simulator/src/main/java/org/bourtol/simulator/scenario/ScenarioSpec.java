package org.bourtol.simulator.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A scenario file (YAML, documented in docs/simulator.md). Every field is optional: a missing
 * value takes the default of {@link #builtIn()}'s file. Times are "MM-DD" dates in {@code year}.
 *
 * @param name       shown in the report
 * @param seed       the random seed: the same seed and dataset give the same season, message for message
 * @param year       the season's year; 0 means the last season that ended before today
 * @param start      first simulated day ("MM-DD")
 * @param end        last simulated day ("MM-DD", inclusive)
 * @param floodYear  normal, 2020 or 2024 (a 2020-like or 2024-like flood)
 */
public record ScenarioSpec(String name, Long seed, Integer year, String start, String end, String floodYear,
        Herds herds, Gauges gauges, Rain rain, Reports reports, Faults faults) {

    /**
     * @param count                  herds in the season
     * @param collarIntervalMinutes  time between two GPS fixes of a collar
     * @param incursions             herds that enter farmland before its field-release date
     * @param crowdings              water points where herds gather over capacity
     * @param deviations             herds that leave their corridor
     * @param earlyPassages          herds that pass a corridor zone before its agreed passage dates
     * @param latePassages           herds that pass a corridor zone after the end of its passage dates
     *                               (leaving the delta late, on a corridor whose dates ended before the season)
     */
    public record Herds(Integer count, Integer collarIntervalMinutes, Integer incursions, Integer crowdings,
            Integer deviations, Integer earlyPassages, Integer latePassages) {
    }

    /**
     * @param stations         stations with an automatic gauge (MQTT)
     * @param intervalMinutes  time between two automatic readings
     * @param noiseCm          standard deviation of the sensor noise
     * @param readers          stations with a gauge reader who sends {@code NIVEAU <station> <cm>} SMS
     * @param hydrographs      optional keypoints "MM-DD:cm" per station, replacing the built-in curve
     */
    public record Gauges(List<String> stations, Integer intervalMinutes, Double noiseCm, List<String> readers,
            Map<String, List<String>> hydrographs) {
    }

    /** @param stations rain gauges (MQTT, daily totals); @param stormDays days with a heavy storm per station */
    public record Rain(List<String> stations, Integer periodMinutes, Integer stormDays) {
    }

    /**
     * Focal-point SMS.
     *
     * @param sightings   {@code TROUPEAU} herd sightings
     * @param clashes     {@code ALERTE CONFLIT} reports (each is a ground-truth incident)
     * @param tensions    {@code ALERTE TENSION} and {@code DEGATS} reports that stay below the cluster threshold
     * @param typos       share of messages written with typos and odd spacing (still understood)
     * @param malformed   messages that cannot be understood (rejected with a reply)
     * @param unverified  share of senders not in the reporter directory
     */
    public record Reports(Integer sightings, Integer clashes, Integer tensions, Double typos, Integer malformed,
            Double unverified) {
    }

    /**
     * Faults injected on request.
     *
     * @param duplicates  share of messages delivered twice (MQTT redelivery, Twilio webhook retry)
     * @param outOfOrder  share of collar fixes sent after the next one
     * @param late        share of readings sent hours after their observation time (within the grace period)
     * @param malformed   MQTT payloads that are not valid observations
     * @param bursts      bursts of collar fixes sent at once
     */
    public record Faults(Double duplicates, Double outOfOrder, Double late, Integer malformed, Integer bursts) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The default scenario shipped in this module. */
    public static ScenarioSpec builtIn() {
        try (InputStream in = ScenarioSpec.class.getResourceAsStream("/org/bourtol/simulator/sahel-season.yaml")) {
            return YAML.readValue(in, ScenarioSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in scenario", e);
        }
    }

    /** Reads a scenario file; missing values take the built-in defaults. */
    public static ScenarioSpec read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** A scenario from YAML text; refused ({@link IllegalArgumentException} naming every problem) when invalid. */
    public static ScenarioSpec parse(String yaml) {
        ScenarioSpec spec;
        try {
            spec = YAML.readValue(yaml, ScenarioSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid scenario: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        spec = spec == null ? builtIn() : spec.withDefaults(builtIn()); // an empty file changes nothing
        List<String> problems = ScenarioChecks.problems(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scenario: " + String.join("; ", problems));
        }
        return spec;
    }

    /** This spec with every missing value taken from {@code d}. */
    public ScenarioSpec withDefaults(ScenarioSpec d) {
        Herds h = herds == null ? d.herds : new Herds(or(herds.count, d.herds.count),
                or(herds.collarIntervalMinutes, d.herds.collarIntervalMinutes), or(herds.incursions, d.herds.incursions),
                or(herds.crowdings, d.herds.crowdings), or(herds.deviations, d.herds.deviations),
                or(herds.earlyPassages, d.herds.earlyPassages), or(herds.latePassages, d.herds.latePassages));
        Gauges g = gauges == null ? d.gauges : new Gauges(or(gauges.stations, d.gauges.stations),
                or(gauges.intervalMinutes, d.gauges.intervalMinutes), or(gauges.noiseCm, d.gauges.noiseCm),
                or(gauges.readers, d.gauges.readers), or(gauges.hydrographs, Map.of()));
        Rain r = rain == null ? d.rain : new Rain(or(rain.stations, d.rain.stations), or(rain.periodMinutes, d.rain.periodMinutes),
                or(rain.stormDays, d.rain.stormDays));
        Reports p = reports == null ? d.reports : new Reports(or(reports.sightings, d.reports.sightings),
                or(reports.clashes, d.reports.clashes), or(reports.tensions, d.reports.tensions), or(reports.typos, d.reports.typos),
                or(reports.malformed, d.reports.malformed), or(reports.unverified, d.reports.unverified));
        Faults f = faults == null ? d.faults : new Faults(or(faults.duplicates, d.faults.duplicates),
                or(faults.outOfOrder, d.faults.outOfOrder), or(faults.late, d.faults.late), or(faults.malformed, d.faults.malformed),
                or(faults.bursts, d.faults.bursts));
        return new ScenarioSpec(or(name, d.name), or(seed, d.seed), or(year, d.year), or(start, d.start), or(end, d.end),
                or(floodYear, d.floodYear), h, g, r, p, f);
    }

    /** The same scenario with another seed. */
    public ScenarioSpec withSeed(long newSeed) {
        return new ScenarioSpec(name, newSeed, year, start, end, floodYear, herds, gauges, rain, reports, faults);
    }

    /** The same scenario with faults switched on or off ({@code null} keeps the file's). */
    public ScenarioSpec withFaults(Faults newFaults) {
        return new ScenarioSpec(name, seed, year, start, end, floodYear, herds, gauges, rain, reports, newFaults);
    }

    public ScenarioSpec withYear(int newYear) {
        return new ScenarioSpec(name, seed, newYear, start, end, floodYear, herds, gauges, rain, reports, faults);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
