package org.bourtol.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A seasonal river stage curve for one station: keypoints ("MM-DD" → cm on the station's staff
 * gauge) joined by cosine interpolation, so the curve is smooth, monotone between keypoints and flat
 * at each peak or trough. Built-in profiles ({@link #builtIn}) follow ref/geo/FACTS.md: the Mopti
 * peak in October–November (716 cm on 8 Nov in 2024), the Niamey local flood in August–September
 * (red 620 cm exceeded on 12 Aug 2020, 663 cm on 24 Aug 2020; 600 cm on 18 Aug 2024, 632 cm mid-Sep
 * 2024). Keypoints of stations without published data are estimates. Pure and immutable.
 */
public final class Hydrograph {

    /** Flood-year profiles. */
    public enum Profile {
        NORMAL, Y2020, Y2024;

        public static Profile of(String name) {
            if (name == null || name.isBlank() || name.equalsIgnoreCase("normal") || name.equalsIgnoreCase("none")) {
                return NORMAL;
            }
            return switch (name.trim()) {
                case "2020", "2020-like" -> Y2020;
                case "2024", "2024-like" -> Y2024;
                default -> throw new IllegalArgumentException("unknown flood year '" + name + "' (normal, 2020, 2024)");
            };
        }
    }

    private final String station;
    private final long[] times;
    private final double[] levels;

    private Hydrograph(String station, long[] times, double[] levels) {
        this.station = station;
        this.times = times;
        this.levels = levels;
    }

    /** A curve from keypoints "MM-DD:cm" in the given year, in date order. */
    public static Hydrograph of(String station, int year, List<String> keypoints) {
        if (keypoints == null || keypoints.size() < 2) {
            throw new IllegalArgumentException("hydrograph " + station + ": at least two keypoints \"MM-DD:cm\" are needed");
        }
        long[] t = new long[keypoints.size()];
        double[] v = new double[keypoints.size()];
        for (int i = 0; i < keypoints.size(); i++) {
            String[] parts = keypoints.get(i).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("hydrograph " + station + ": keypoint '" + keypoints.get(i) + "' is not \"MM-DD:cm\"");
            }
            LocalDate date = MonthDay.parse("--" + parts[0].trim()).atYear(year);
            t[i] = date.atStartOfDay(ZoneOffset.UTC).toInstant().getEpochSecond();
            v[i] = Double.parseDouble(parts[1].trim());
            if (i > 0 && t[i] <= t[i - 1]) {
                throw new IllegalArgumentException("hydrograph " + station + ": keypoints must be in date order");
            }
        }
        return new Hydrograph(station, t, v);
    }

    /** The built-in curve of a station for a profile, or empty when the station has none. */
    public static Optional<Hydrograph> builtIn(String station, int year, Profile profile) {
        Map<Profile, List<String>> byProfile = BUILT_IN.get(station);
        return byProfile == null ? Optional.empty() : Optional.of(of(station, year, byProfile.get(profile)));
    }

    public String station() {
        return station;
    }

    /** The level in cm at an instant (held flat before the first and after the last keypoint). */
    public double levelAt(Instant at) {
        double s = at.getEpochSecond();
        if (s <= times[0]) {
            return levels[0];
        }
        for (int i = 1; i < times.length; i++) {
            if (s <= times[i]) {
                double f = (s - times[i - 1]) / (double) (times[i] - times[i - 1]);
                return levels[i - 1] + (levels[i] - levels[i - 1]) * (1 - Math.cos(Math.PI * f)) / 2;
            }
        }
        return levels[levels.length - 1];
    }

    /** The first instant in [from, to] at which the curve reaches {@code cm} from below (to the minute). */
    public Optional<Instant> firstCrossing(double cm, Instant from, Instant to) {
        if (levelAt(from) >= cm) {
            return Optional.empty();
        }
        Duration step = Duration.ofHours(6);
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            Instant next = t.plus(step).isAfter(to) ? to : t.plus(step);
            if (levelAt(next) >= cm) {
                long lo = t.getEpochSecond();
                long hi = next.getEpochSecond();
                while (hi - lo > 60) {
                    long mid = (lo + hi) / 2;
                    if (levelAt(Instant.ofEpochSecond(mid)) >= cm) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return Optional.of(Instant.ofEpochSecond(hi));
            }
        }
        return Optional.empty();
    }

    /** The instant of the highest level in [from, to] (6-hour resolution). */
    public Instant peak(Instant from, Instant to) {
        Instant best = from;
        for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofHours(6))) {
            if (levelAt(t) > levelAt(best)) {
                best = t;
            }
        }
        return best;
    }

    private static final Map<String, Map<Profile, List<String>>> BUILT_IN = Map.of(
            // Niamey: local ("red") flood Aug–Sep from the right-bank tributaries; the Guinean flood follows in Dec–Feb.
            "niamey", Map.of(
                    Profile.NORMAL, List.of("06-01:180", "07-20:300", "08-25:480", "09-08:495", "10-10:380", "11-15:330", "12-31:420"),
                    Profile.Y2020, List.of("06-01:200", "07-25:420", "08-05:545", "08-12:622", "08-16:640", "08-23:659",
                            "08-24:663", "09-05:610", "09-20:545", "10-10:460", "11-15:380", "12-31:440"),
                    Profile.Y2024, List.of("06-01:200", "07-20:420", "08-02:532", "08-18:600", "08-30:612", "09-14:632",
                            "09-30:575", "10-20:480", "11-20:400", "12-31:450")),
            // Mopti: dry-season ~100 cm, rise from July at 3–5 cm/day, peak mid-Oct to early Nov (716 cm on 8 Nov 2024).
            "mopti", Map.of(
                    Profile.NORMAL, List.of("06-15:100", "07-15:140", "08-20:400", "09-20:545", "10-22:615", "11-05:610", "12-05:520", "12-31:390"),
                    Profile.Y2020, List.of("06-15:110", "07-15:170", "08-20:480", "09-20:612", "10-22:668", "10-30:670", "11-25:600", "12-31:470"),
                    Profile.Y2024, List.of("06-15:120", "07-15:210", "08-20:590", "09-25:662", "10-20:700", "11-08:716", "12-01:672", "12-31:590")),
            "koulikoro", Map.of(
                    Profile.NORMAL, List.of("06-01:90", "08-01:280", "09-15:480", "10-15:400", "12-01:150", "12-31:110"),
                    Profile.Y2020, List.of("06-01:100", "08-01:330", "09-15:560", "10-15:450", "12-01:170", "12-31:120"),
                    Profile.Y2024, List.of("06-01:100", "08-01:350", "09-12:590", "10-15:470", "12-01:180", "12-31:120")),
            "segou", Map.of(
                    Profile.NORMAL, List.of("06-01:100", "08-01:240", "09-25:460", "10-25:390", "12-15:150", "12-31:130"),
                    Profile.Y2020, List.of("06-01:110", "08-01:280", "09-25:520", "10-25:430", "12-15:170", "12-31:140"),
                    Profile.Y2024, List.of("06-01:110", "08-01:300", "09-22:545", "10-25:450", "12-15:180", "12-31:150")),
            "dire", Map.of(
                    Profile.NORMAL, List.of("07-01:110", "09-01:200", "10-15:380", "12-05:500", "12-31:480"),
                    Profile.Y2020, List.of("07-01:120", "09-01:240", "10-15:430", "12-05:545", "12-31:520"),
                    Profile.Y2024, List.of("07-01:130", "09-01:260", "10-15:450", "12-20:570", "12-31:568")),
            "kabara", Map.of(
                    Profile.NORMAL, List.of("07-01:100", "09-05:190", "10-20:370", "12-10:480", "12-31:470"),
                    Profile.Y2020, List.of("07-01:110", "09-05:230", "10-20:420", "12-10:525", "12-31:510"),
                    Profile.Y2024, List.of("07-01:120", "09-05:250", "10-20:440", "12-25:550", "12-31:548")),
            "gao", Map.of(
                    Profile.NORMAL, List.of("07-01:120", "09-01:180", "10-15:230", "12-01:320", "12-31:380"),
                    Profile.Y2020, List.of("07-01:130", "09-01:200", "10-15:260", "12-01:350", "12-31:410"),
                    Profile.Y2024, List.of("07-01:140", "09-01:210", "10-15:270", "12-01:360", "12-31:420")),
            "ansongo", Map.of(
                    Profile.NORMAL, List.of("07-01:110", "09-01:190", "10-15:220", "12-01:300", "12-31:360"),
                    Profile.Y2020, List.of("07-01:120", "09-01:230", "10-15:250", "12-01:330", "12-31:390"),
                    Profile.Y2024, List.of("07-01:130", "09-01:240", "10-15:260", "12-01:340", "12-31:400")));

    /** Stations with a built-in curve. */
    public static List<String> builtInStations() {
        return new ArrayList<>(BUILT_IN.keySet());
    }
}
