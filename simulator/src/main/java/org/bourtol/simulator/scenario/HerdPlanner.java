package org.bourtol.simulator.scenario;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Species;
import org.bourtol.simulator.scenario.Dataset.SimZone;

/**
 * Plans the herds of a season on the dataset's corridors, farmland and water points. Herds north of
 * Diafarabé wait for the crossing date (the Yaaral, a Saturday: from 22 November in a normal year,
 * not before December in a flood year, FACTS.md §6) and then cross along the crossing corridor into
 * the delta; herds north of Konna go down the Konna–Mopti corridor once its passage opens. Planned
 * risks: herds that graze into farmland before its field-release date, groups that crowd a water
 * point over its capacity, herds that leave their corridor and herds that cross before the agreed
 * passage dates or after they ended. Everything else keeps clear of protected zones.
 */
final class HerdPlanner {

    /**
     * A planned herd. A collar with {@code quietFrom} sends no regular fix from then on, and one last fix
     * at {@code lastFix} (both null: it reports all season).
     */
    record Herd(String id, String device, Species species, int headCount, Track track, String role, Instant quietFrom,
            Instant lastFix) {
    }

    private static final double SPEED_KMH = 2.5;
    private final Dataset ds;
    private final Random rnd;
    private final Instant start;
    private final Instant end;
    private final int year;
    private final boolean floodYear;
    private final List<Herd> herds = new ArrayList<>();

    HerdPlanner(Dataset ds, Random rnd, Instant start, Instant end, int year, boolean floodYear) {
        this.ds = ds;
        this.rnd = rnd;
        this.start = start;
        this.end = end;
        this.year = year;
        this.floodYear = floodYear;
    }

    List<Herd> plan(ScenarioSpec.Herds spec) {
        List<SimZone> farms = new ArrayList<>(ds.zones(ZoneKind.FARMLAND));
        java.util.Collections.shuffle(farms, rnd);
        for (int i = 0; i < spec.incursions() && !farms.isEmpty(); i++) {
            incursion(farms.get(i % farms.size()));
        }
        List<SimZone> waters = new ArrayList<>(ds.zones(ZoneKind.WATER_POINT));
        java.util.Collections.shuffle(waters, rnd);
        for (int i = 0; i < spec.crowdings() && !waters.isEmpty(); i++) {
            crowding(waters.get(i % waters.size()));
        }
        int late = spec.latePassages() == null ? 0 : spec.latePassages();
        int rest = Math.max(0, spec.count() - herds.size() - late);
        int deviations = spec.deviations();
        int early = spec.earlyPassages();
        for (int i = 0; i < rest; i++) {
            boolean crossing = i % 5 < 3;
            boolean deviate = deviations > 0 && i >= rest - spec.deviations() * 2 && i % 2 == 0;
            boolean isEarly = crossing && early > 0 && i == 0;
            if (deviate) {
                deviations--;
            }
            if (isEarly) {
                early--;
            }
            corridorHerd(crossing ? ds.zone("corridor-diafarabe-crossing") : ds.zone("corridor-konna-mopti"),
                    crossing, deviate, isEarly);
        }
        for (int i = 0; i < late; i++) {
            latePassage();
        }
        return herds;
    }

    /** A herd grazing near farmland that walks in during the protected season, stays most of a day and leaves. */
    private void incursion(SimZone farm) {
        MonthDay from = farm.date("protectedFrom").orElse(MonthDay.of(6, 1));
        MonthDay release = farm.date("fieldRelease").orElse(MonthDay.of(12, 31));
        Instant lo = later(start.plus(Duration.ofDays(3)), from.atYear(year));
        LocalDate releaseDate = release.atYear(year).isBefore(from.atYear(year)) ? release.atYear(year + 1) : release.atYear(year);
        Instant hi = earlier(end.minus(Duration.ofDays(3)), releaseDate.minusDays(2));
        if (!hi.isAfter(lo)) {
            return;
        }
        double[] c = farm.centroidLatLon();
        double[] home = clearPointNear(c, 6.0, farm.id());
        Instant day = day(lo, hi).plus(Duration.ofHours(6));
        Track t = new Track(start, home[0], home[1], 1.0, SPEED_KMH).stayUntil(day, 1.0)
                .walkTo(c[0], c[1], 0.15).stayFor(Duration.ofHours(12), 0.15).walkTo(home[0], home[1], 1.0).stayUntil(end, 1.0);
        add(Species.CATTLE, 150 + rnd.nextInt(250), t, "incursion " + farm.id());
    }

    /** Three herds converging on one water point the same day, together over its capacity. */
    private void crowding(SimZone water) {
        int capacity = water.properties().path("capacity").asInt(500);
        double[] c = water.centroidLatLon();
        Instant day = day(start.plus(Duration.ofDays(5)), end.minus(Duration.ofDays(5))).plus(Duration.ofHours(7));
        for (int i = 0; i < 3; i++) {
            double[] home = clearPointNear(c, 5.0 + i, water.id());
            Track t = new Track(start, home[0], home[1], 1.0, SPEED_KMH).stayUntil(day.plus(Duration.ofMinutes(40L * i)), 1.0)
                    .walkTo(c[0], c[1], 0.1).stayFor(Duration.ofHours(14), 0.1).walkTo(home[0], home[1], 1.0).stayUntil(end, 1.0);
            add(i == 1 ? Species.MIXED : Species.CATTLE, (int) Math.round(capacity * (0.45 + 0.15 * rnd.nextDouble())), t,
                    "crowding " + water.id());
        }
    }

    /**
     * A herd leaving the delta northwards after its corridor's passage dates ended (herds leave with the
     * rains, FACTS.md §6; a late one is still on the corridor in July–August). It grazes near the
     * corridor's delta end, walks the corridor back to its other end, sends one last fix past that end,
     * clear of the corridor's buffer, and its collar then goes quiet (out of coverage on the northern
     * pastures): it neither lingers on the corridor nor counts as a corridor deviation. Skipped when no
     * corridor of the early-late-passage rule has "late" days within the season.
     */
    private void latePassage() {
        for (SimZone corridor : passageCorridors()) {
            Instant[] window = lateWindow(corridor);
            double[] first = Dataset.along(corridor, 0);
            double[] last = Dataset.along(corridor, 1);
            double[] hold = window == null ? null : strictlyClearNear(last, corridor, 5, 12);
            double[] off = window == null ? null : pastEnd(corridor, first, Dataset.along(corridor, 0.1));
            if (hold == null || off == null) {
                continue;
            }
            Instant departure = day(window[0], window[1]).plus(Duration.ofHours(6));
            Track t = new Track(start, hold[0], hold[1], 1.0, SPEED_KMH).stayUntil(departure, 1.0).walkTo(last[0], last[1], 0.1);
            int steps = 12;
            for (int s = steps - 1; s >= 0; s--) {
                double[] p = Dataset.along(corridor, s / (double) steps);
                t.walkTo(p[0], p[1], 0.1);
            }
            Instant quiet = t.last().at();
            t.walkTo(off[0], off[1], 0.3);
            Instant lastFix = t.last().at();
            t.stayUntil(end.plus(Duration.ofDays(1)), 0.3);
            Species species = pickSpecies();
            int n = herds.size() + 1;
            herds.add(new Herd(String.format("herd-%03d", n), String.format("collar-%03d", n), species, headFor(species), t,
                    "late passage " + corridor.id(), quiet, lastFix));
            return;
        }
    }

    private List<SimZone> passageCorridors() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        ds.rules("early-late-passage").forEach(r -> ids.addAll(r.zones()));
        return ids.stream().map(ds::zone).filter(z -> z.properties().has("passage")).toList();
    }

    /**
     * Days of the season on which a herd on {@code corridor} is "late": after its passage's end and
     * before the middle of the gap to its next opening (the rule calls the nearer date), with two days'
     * margin; null when there are none.
     */
    private Instant[] lateWindow(SimZone corridor) {
        MonthDay from = MonthDay.parse("--" + corridor.properties().path("passage").path("from").asText());
        MonthDay to = MonthDay.parse("--" + corridor.properties().path("passage").path("to").asText());
        for (int y = year - 1; y <= year; y++) {
            LocalDate closed = to.atYear(y);
            LocalDate opens = from.atYear(y).isAfter(closed) ? from.atYear(y) : from.atYear(y + 1);
            LocalDate middle = closed.plusDays(ChronoUnit.DAYS.between(closed, opens) / 2);
            Instant lo = later(start.plus(Duration.ofDays(2)), closed.plusDays(1));
            Instant hi = earlier(end.minus(Duration.ofDays(3)), middle.minusDays(2));
            if (hi.isAfter(lo.plus(Duration.ofDays(1)))) {
                return new Instant[] {lo, hi};
            }
        }
        return null;
    }

    /** A place {@code minKm}..{@code maxKm} from {@code c}, clear (by 2.5 km) of every zone including {@code corridor}. */
    private double[] strictlyClearNear(double[] c, SimZone corridor, int minKm, int maxKm) {
        for (int km = minKm; km <= maxKm; km++) {
            for (int i = 0; i < 8; i++) {
                double a = Math.PI / 4 * i;
                double[] p = Dataset.offset(c[0], c[1], km * Math.cos(a), km * Math.sin(a));
                if (clear(p, 2.5, null) && pathClear(p, c, corridor.id())) {
                    return p;
                }
            }
        }
        return null;
    }

    /** A point beyond the corridor's end {@code end} (seen from {@code inside}), 1.5 km past its buffer and clear of other zones. */
    private double[] pastEnd(SimZone corridor, double[] end, double[] inside) {
        double buffer = corridor.properties().path("bufferM").asDouble(1000) / 1000.0;
        double dx = (end[1] - inside[1]) * Dataset.distanceKm(0, 0, 0, 1);
        double dy = (end[0] - inside[0]) * Dataset.distanceKm(0, 0, 1, 0);
        double heading = Math.atan2(dy, dx);
        for (double turn : new double[] {0, 0.5, -0.5, 1.0, -1.0}) {
            for (double km = buffer + 1.5; km <= buffer + 6; km += 1.5) {
                double[] p = Dataset.offset(end[0], end[1], km * Math.cos(heading + turn), km * Math.sin(heading + turn));
                if (corridor.distanceKm(p[0], p[1]) > buffer + 1.0 && clear(p, 2.5, corridor.id())) {
                    return p;
                }
            }
        }
        return null;
    }

    /** A herd that waits off the corridor, then walks its whole length once passage is open and grazes at its end. */
    private void corridorHerd(SimZone corridor, boolean diafarabe, boolean deviate, boolean early) {
        double[] first = Dataset.along(corridor, 0);
        double[] last = Dataset.along(corridor, 1);
        double[] hold = diafarabe ? Dataset.offset(first[0], first[1], -5 - 3 * rnd.nextDouble(), 15 + 2 * rnd.nextDouble())
                : Dataset.offset(first[0], first[1], 4 + 2 * rnd.nextDouble(), 7 + 2 * rnd.nextDouble());
        Instant departure;
        if (early) {
            departure = day(MonthDay.of(11, 1).atYear(year), MonthDay.of(11, 10).atYear(year));
        } else if (diafarabe) {
            LocalDate yaaral = LocalDate.of(year, floodYear ? 12 : 11, floodYear ? 6 : 22).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
            departure = yaaral.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(rnd.nextInt(48)));
        } else {
            departure = MonthDay.of(12, 1).atYear(year).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(6 + rnd.nextInt(96)));
        }
        Track t = new Track(start, hold[0], hold[1], 1.5, SPEED_KMH).stayUntil(departure, 1.5).walkTo(first[0], first[1], 0.1);
        int steps = 12;
        for (int s = 1; s <= steps; s++) {
            double f = s / (double) steps;
            double[] p = Dataset.along(corridor, f);
            t.walkTo(p[0], p[1], 0.1);
            if (deviate && s == steps / 2) {
                double[] out = Dataset.offset(p[0], p[1], -6, 0);
                if (corridor.distanceKm(out[0], out[1]) < 4) {
                    out = Dataset.offset(p[0], p[1], 6, 0);
                }
                t.walkTo(out[0], out[1], 0.3).stayFor(Duration.ofHours(16), 0.3).walkTo(p[0], p[1], 0.1);
            }
        }
        t.stayUntil(end.plus(Duration.ofDays(1)), 0.4);
        Species species = pickSpecies();
        String role = (early ? "early passage " : "") + (deviate ? "deviation " : "") + corridor.id();
        add(species, headFor(species), t, role.trim());
    }

    private void add(Species species, int head, Track track, String role) {
        int n = herds.size() + 1;
        herds.add(new Herd(String.format("herd-%03d", n), String.format("collar-%03d", n), species, head, track, role, null, null));
    }

    private Species pickSpecies() {
        double u = rnd.nextDouble();
        return u < 0.6 ? Species.CATTLE : u < 0.75 ? Species.SHEEP : u < 0.85 ? Species.GOATS : u < 0.9 ? Species.CAMELS : Species.MIXED;
    }

    private int headFor(Species s) {
        return switch (s) {
            case CATTLE -> 60 + rnd.nextInt(340);
            case SHEEP -> 80 + rnd.nextInt(420);
            case GOATS -> 50 + rnd.nextInt(250);
            case CAMELS -> 15 + rnd.nextInt(45);
            case DONKEYS -> 5 + rnd.nextInt(25);
            case MIXED, UNKNOWN -> 100 + rnd.nextInt(500);
        };
    }

    /** A point about {@code km} from {@code c}, clear (by 2.5 km) of every protected zone and corridor except {@code own}. */
    private double[] clearPointNear(double[] c, double km, String own) {
        int offset = rnd.nextInt(8);
        for (int i = 0; i < 16; i++) {
            double a = Math.PI / 4 * ((offset + i) % 8);
            double[] p = Dataset.offset(c[0], c[1], km * Math.cos(a), km * Math.sin(a));
            if (clear(p, 2.5, own) && pathClear(p, c, own)) {
                return p;
            }
        }
        throw new IllegalStateException("no clear grazing place near " + own);
    }

    private boolean pathClear(double[] from, double[] to, String own) {
        for (int i = 0; i <= 10; i++) {
            double f = i / 10.0;
            double[] p = {from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f};
            if (!clear(p, i < 7 ? 1.0 : 0.0, own)) {
                return false;
            }
        }
        return true;
    }

    private boolean clear(double[] p, double marginKm, String own) {
        for (ZoneKind kind : List.of(ZoneKind.FARMLAND, ZoneKind.WATER_POINT, ZoneKind.MARKET, ZoneKind.PASTURE, ZoneKind.CORRIDOR)) {
            for (SimZone z : ds.zones(kind)) {
                if (own != null && z.id().equals(own)) {
                    continue;
                }
                double buffer = z.properties().path("bufferM").asDouble(0) / 1000.0;
                if (z.distanceKm(p[0], p[1]) <= buffer + marginKm) {
                    return false;
                }
            }
        }
        return true;
    }

    private Instant day(Instant lo, Instant hi) {
        long days = Math.max(1, ChronoUnit.DAYS.between(lo, hi));
        return lo.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(rnd.nextInt((int) days)));
    }

    private Instant day(LocalDate lo, LocalDate hi) {
        return day(lo.atStartOfDay(ZoneOffset.UTC).toInstant(), hi.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static Instant later(Instant a, LocalDate b) {
        Instant bi = b.atStartOfDay(ZoneOffset.UTC).toInstant();
        return a.isAfter(bi) ? a : bi;
    }

    private static Instant earlier(Instant a, LocalDate b) {
        Instant bi = b.atStartOfDay(ZoneOffset.UTC).toInstant();
        return a.isBefore(bi) ? a : bi;
    }
}
