package org.bourtol.simulator.scenario;

import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds of a scenario file's values, checked before a season is generated, so that a bad file is
 * refused with every problem named instead of failing (or running for ever) half-way through the model.
 */
final class ScenarioChecks {

    /** More herds, readings or reports than this is not a scenario but a load test: use {@code bourtol bench}. */
    static final int MAX_COUNT = 10_000;

    private final List<String> problems = new ArrayList<>();

    private ScenarioChecks() {
    }

    /** Every problem of a scenario with its defaults applied (empty: valid). */
    static List<String> problems(ScenarioSpec s) {
        ScenarioChecks c = new ScenarioChecks();
        if (s.year() == null || s.year() != 0 && (s.year() < 1950 || s.year() > 2100)) {
            c.problems.add("year must be 0 (the last season) or between 1950 and 2100");
        }
        c.monthDay("start", s.start());
        c.monthDay("end", s.end());
        try {
            Hydrograph.Profile.of(s.floodYear());
        } catch (IllegalArgumentException e) {
            c.problems.add("floodYear: " + e.getMessage());
        }
        ScenarioSpec.Herds h = s.herds();
        c.count("herds.count", h.count());
        c.minutes("herds.collarIntervalMinutes", h.collarIntervalMinutes());
        c.count("herds.incursions", h.incursions());
        c.count("herds.crowdings", h.crowdings());
        c.count("herds.deviations", h.deviations());
        c.count("herds.earlyPassages", h.earlyPassages());
        c.count("herds.latePassages", h.latePassages());
        ScenarioSpec.Gauges g = s.gauges();
        c.names("gauges.stations", g.stations());
        c.minutes("gauges.intervalMinutes", g.intervalMinutes());
        c.range("gauges.noiseCm", g.noiseCm(), 0, 1000);
        c.names("gauges.readers", g.readers());
        c.names("rain.stations", s.rain().stations());
        c.minutes("rain.periodMinutes", s.rain().periodMinutes());
        c.count("rain.stormDays", s.rain().stormDays());
        ScenarioSpec.Reports r = s.reports();
        c.count("reports.sightings", r.sightings());
        c.count("reports.clashes", r.clashes());
        c.count("reports.tensions", r.tensions());
        c.range("reports.typos", r.typos(), 0, 1);
        c.count("reports.malformed", r.malformed());
        c.range("reports.unverified", r.unverified(), 0, 1);
        ScenarioSpec.Faults f = s.faults();
        c.range("faults.duplicates", f.duplicates(), 0, 1);
        c.range("faults.outOfOrder", f.outOfOrder(), 0, 1);
        c.range("faults.late", f.late(), 0, 1);
        c.count("faults.malformed", f.malformed());
        c.count("faults.bursts", f.bursts());
        return c.problems;
    }

    private void monthDay(String key, String value) {
        try {
            MonthDay.parse("--" + value);
        } catch (DateTimeException | NullPointerException e) {
            problems.add(key + " must be a day of the year as \"MM-DD\", got '" + value + "'");
        }
    }

    private void count(String key, Integer value) {
        if (value == null || value < 0 || value > MAX_COUNT) {
            problems.add(key + " must be a whole number from 0 to " + MAX_COUNT + ", got " + value);
        }
    }

    private void minutes(String key, Integer value) {
        if (value == null || value < 1 || value > 7 * 24 * 60) {
            problems.add(key + " must be from 1 to 10080 minutes, got " + value);
        }
    }

    private void range(String key, Double value, double min, double max) {
        if (value == null || !(value >= min && value <= max)) {
            problems.add(key + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    private void names(String key, List<String> value) {
        if (value == null || value.stream().anyMatch(v -> v == null || v.isBlank())) {
            problems.add(key + " must be a list of station names");
        }
    }
}
