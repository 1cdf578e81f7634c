package org.bourtol.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.simulator.scenario.Dataset.SimZone;
import org.bourtol.simulator.scenario.GroundTruthEvent.Types;

/**
 * Computes the ground truth from what the scenario truly emitted, with the zones and the rule
 * parameters of the dataset: when a herd is first inside farmland in its protected season, when
 * distinct herds at a water point first exceed its capacity within the window, when a herd that was
 * on a corridor first stays off it for the rule's reports or minutes, when a herd is first on a
 * corridor outside its passage dates, when a station's level first reaches each alert level (a new
 * episode only after it fell below the lowest level minus the hysteresis for the hold time), fast
 * rises, heavy rain and community clashes. Facts are taken in event-time order. A repeat within an
 * episode (a gap shorter than {@link #EPISODE_GAP}) is the same event.
 */
final class Oracle {

    static final Duration EPISODE_GAP = Duration.ofDays(2);

    private final Dataset ds;
    private final List<GroundTruthEvent> out = new ArrayList<>();
    private final Map<String, Instant> lastSeen = new HashMap<>();

    Oracle(Dataset ds) {
        this.ds = ds;
    }

    List<GroundTruthEvent> evaluate(List<Fact> facts) {
        List<Fact> sorted = new ArrayList<>(facts);
        sorted.sort(Comparator.comparing(Fact::at).thenComparingInt(Fact::index));
        herdRules(sorted);
        gaugeRules(sorted);
        rainRules(sorted);
        reportRules(sorted);
        out.sort(Comparator.comparing(GroundTruthEvent::start).thenComparing(GroundTruthEvent::id));
        return out;
    }

    /** Records an event unless the same key was seen within the episode gap; returns true when new. */
    private boolean episode(String key, Instant at, GroundTruthEvent event) {
        Instant last = lastSeen.put(key, at);
        if (last != null && Duration.between(last, at).compareTo(EPISODE_GAP) < 0) {
            return false;
        }
        out.add(event);
        return true;
    }

    private void herdRules(List<Fact> facts) {
        List<SimZone> farms = zonesOf("herd-in-protected-zone");
        List<SimZone> crowdZones = zonesOf("herd-concentration");
        RuleDocument crowdRule = first("herd-concentration");
        Duration crowdWindow = Duration.ofMinutes(Math.round(param(crowdRule, "windowHours", 6) * 60));
        double factor = param(crowdRule, "capacityFactor", 1.0);
        List<SimZone> corridors = zonesOf("corridor-deviation");
        RuleDocument devRule = first("corridor-deviation");
        int devReports = (int) param(devRule, "consecutiveReports", 3);
        long devMinutes = (long) param(devRule, "minutes", 120);
        List<SimZone> passageCorridors = zonesOf("early-late-passage");
        Map<String, Deque<Fact.HerdFix>> atZone = new HashMap<>();
        Map<String, Instant> offSince = new HashMap<>();
        Map<String, Integer> offCount = new HashMap<>();
        for (Fact f : facts) {
            if (!(f instanceof Fact.HerdFix h)) {
                continue;
            }
            MonthDay md = MonthDay.from(h.at().atZone(ZoneOffset.UTC));
            for (SimZone farm : farms) {
                MonthDay release = farm.date("fieldRelease").orElse(MonthDay.of(12, 31));
                if (farm.contains(h.lat(), h.lon()) && !md.equals(release)
                        && Dataset.within(md, farm.date("protectedFrom").orElse(MonthDay.of(1, 1)), release)) {
                    episode("farm/" + farm.id(), h.at(), event(Types.FARMLAND + "/" + farm.id(), Types.FARMLAND, Hazard.CONFLICT,
                            List.of("herd-in-protected-zone"), farm.id(), h, null,
                            h.herdId() + " (" + h.headCount() + " head) inside " + farm.name() + " before its field release"));
                }
            }
            for (SimZone z : crowdZones) {
                Deque<Fact.HerdFix> q = atZone.computeIfAbsent(z.id(), k -> new ArrayDeque<>());
                if (z.contains(h.lat(), h.lon())) {
                    q.addLast(h);
                }
                while (!q.isEmpty() && !q.peekFirst().at().isAfter(h.at().minus(crowdWindow))) {
                    q.pollFirst();
                }
                Map<String, Integer> heads = new LinkedHashMap<>();
                q.forEach(x -> heads.put(x.herdId(), x.headCount()));
                int total = heads.values().stream().mapToInt(Integer::intValue).sum();
                if (z.contains(h.lat(), h.lon()) && total > z.properties().path("capacity").asInt(Integer.MAX_VALUE) * factor) {
                    episode("crowd/" + z.id(), h.at(), event(Types.CROWDING + "/" + z.id(), Types.CROWDING, Hazard.CONFLICT,
                            List.of("herd-concentration"), z.id(), h, null,
                            heads.size() + " herds, " + total + " head at " + z.name() + " (capacity "
                                    + z.properties().path("capacity").asInt() + ")"));
                }
            }
            for (SimZone c : corridors) {
                String key = h.herdId() + "/" + c.id();
                double buffer = c.properties().path("bufferM").asDouble(1000) / 1000.0;
                if (c.distanceKm(h.lat(), h.lon()) <= buffer) {
                    offSince.put(key, null);
                    offCount.put(key, 0);
                } else if (offCount.containsKey(key)) {
                    int n = offCount.merge(key, 1, Integer::sum);
                    Instant since = offSince.get(key) == null ? h.at() : offSince.get(key);
                    offSince.put(key, since);
                    if (n >= devReports || Duration.between(since, h.at()).toMinutes() >= devMinutes) {
                        episode("dev/" + key, h.at(), event(Types.DEVIATION + "/" + key, Types.DEVIATION, Hazard.CONFLICT,
                                List.of("corridor-deviation"), c.id(), h, null, h.herdId() + " left " + c.name()));
                    }
                }
            }
            for (SimZone c : passageCorridors) {
                double buffer = c.properties().path("bufferM").asDouble(1000) / 1000.0;
                JsonNode passage = c.properties().path("passage");
                if (passage.isMissingNode() || c.distanceKm(h.lat(), h.lon()) > buffer) {
                    continue;
                }
                MonthDay from = MonthDay.parse("--" + passage.path("from").asText());
                MonthDay to = MonthDay.parse("--" + passage.path("to").asText());
                if (!Dataset.within(md, from, to)) {
                    String level = passageLevel(h.at(), from, to);
                    episode("passage/" + c.id() + "/" + level, h.at(), event(Types.PASSAGE + "/" + c.id() + "/" + level, Types.PASSAGE,
                            Hazard.CONFLICT, List.of("early-late-passage"), c.id(), h, level,
                            h.herdId() + " on " + c.name() + " " + level + ", outside its passage dates " + from + ".." + to));
                }
            }
        }
    }

    /**
     * "early" when the passage's opening is nearer than its end (in days of the year, as the rule counts
     * them), else "late".
     */
    static String passageLevel(Instant at, MonthDay from, MonthDay to) {
        java.time.ZonedDateTime z = at.atZone(ZoneOffset.UTC);
        int doy = z.getDayOfYear();
        int untilFrom = Math.floorMod(from.atYear(z.getYear()).getDayOfYear() - doy, 365);
        int sinceTo = Math.floorMod(doy - to.atYear(z.getYear()).getDayOfYear(), 365);
        return untilFrom < sinceTo ? "early" : "late";
    }

    private void gaugeRules(List<Fact> facts) {
        for (RuleDocument rule : ds.rules("gauge-level")) {
            String[] names = {"warning", "alert", "danger"};
            List<String> levelNames = new ArrayList<>();
            List<Double> levels = new ArrayList<>();
            for (String n : names) {
                if (rule.params().has(n + "Cm")) {
                    levelNames.add(n);
                    levels.add(rule.params().get(n + "Cm").asDouble());
                }
            }
            double hyst = param(rule, "hysteresisCm", 0);
            long hold = (long) param(rule, "holdMinutes", 0);
            for (String station : rule.zones()) {
                int reached = -1;
                Instant below = null;
                for (Fact f : facts) {
                    if (!(f instanceof Fact.Level l) || !l.station().equals(station)) {
                        continue;
                    }
                    int now = -1;
                    for (int i = 0; i < levels.size(); i++) {
                        if (l.cm() >= levels.get(i)) {
                            now = i;
                        }
                    }
                    for (int i = reached + 1; i <= now; i++) {
                        out.add(new GroundTruthEvent(Types.GAUGE + "/" + station + "/" + levelNames.get(i) + "/" + l.at(),
                                Types.GAUGE, Hazard.FLOOD, List.of("gauge-level"), ds.withParents(station), levelNames.get(i), l.at(),
                                l.index(), station + " reached " + l.cm() + " cm (" + levelNames.get(i) + " " + levels.get(i).intValue() + " cm)"));
                    }
                    reached = Math.max(reached, now);
                    if (reached >= 0 && l.cm() < levels.get(0) - hyst) {
                        below = below == null ? l.at() : below;
                        if (Duration.between(below, l.at()).toMinutes() >= hold) {
                            reached = -1;
                            below = null;
                        }
                    } else {
                        below = null;
                    }
                }
            }
        }
        for (RuleDocument rule : ds.rules("gauge-rise-rate")) {
            double rise = param(rule, "riseCm", 100);
            Duration window = Duration.ofMinutes(Math.round(param(rule, "windowHours", 72) * 60));
            for (String station : rule.zones()) {
                Deque<Fact.Level> q = new ArrayDeque<>();
                for (Fact f : facts) {
                    if (f instanceof Fact.Level l && l.station().equals(station)) {
                        while (!q.isEmpty() && q.peekFirst().at().isBefore(l.at().minus(window))) {
                            q.pollFirst();
                        }
                        int min = q.stream().mapToInt(Fact.Level::cm).min().orElse(l.cm());
                        q.addLast(l);
                        if (l.cm() - min >= rise) {
                            episode("rise/" + station, l.at(), new GroundTruthEvent(Types.GAUGE + "-rise/" + station + "/" + l.at(),
                                    "gauge-rise-rate", Hazard.FLOOD, List.of("gauge-rise-rate"), ds.withParents(station), null, l.at(),
                                    l.index(), station + " rose " + (l.cm() - min) + " cm"));
                        }
                    }
                }
            }
        }
    }

    private void rainRules(List<Fact> facts) {
        for (RuleDocument rule : ds.rules("rain-accumulation")) {
            double threshold = param(rule, "thresholdMm", 50);
            Duration window = Duration.ofMinutes(Math.round(param(rule, "windowHours", 24) * 60));
            for (String station : rule.zones()) {
                Deque<Fact.Rain> q = new ArrayDeque<>();
                for (Fact f : facts) {
                    if (f instanceof Fact.Rain r && r.station().equals(station)) {
                        q.addLast(r);
                        while (!q.peekFirst().at().isAfter(r.at().minus(window))) {
                            q.pollFirst();
                        }
                        double sum = q.stream().mapToDouble(Fact.Rain::mm).sum();
                        if (sum >= threshold) {
                            episode("rain/" + station, r.at(), new GroundTruthEvent(Types.RAIN + "/" + station + "/" + r.at(), Types.RAIN,
                                    Hazard.FLOOD, List.of("rain-accumulation"), ds.withParents(station), null, r.at(), r.index(),
                                    String.format(java.util.Locale.ROOT, "%.0f mm of rain at %s within %d h", sum, station, window.toHours())));
                        }
                    }
                }
            }
        }
    }

    private void reportRules(List<Fact> facts) {
        for (RuleDocument rule : ds.rules("incident-cluster")) {
            boolean clashAlone = rule.params().path("clashAlone").asBoolean(false);
            for (Fact f : facts) {
                if (f instanceof Fact.Report r && clashAlone && r.type() == ReportType.CLASH && rule.zones().contains(r.zoneId())) {
                    episode("incident/" + r.zoneId(), r.at(), new GroundTruthEvent(Types.INCIDENT + "/" + r.zoneId() + "/" + r.index(),
                            Types.INCIDENT, Hazard.CONFLICT, List.of("incident-cluster"), ds.withParents(r.zoneId()), null, r.at(),
                            r.index(), "clash reported by SMS in " + ds.zone(r.zoneId()).name()));
                }
            }
        }
    }

    private GroundTruthEvent event(String id, String type, Hazard hazard, List<String> ruleTypes, String zone, Fact.HerdFix h,
                                   String level, String description) {
        Set<String> zones = new LinkedHashSet<>(ds.withParents(zone));
        ds.containing(h.lat(), h.lon()).forEach(z -> zones.addAll(ds.withParents(z.id())));
        return new GroundTruthEvent(id + "/" + h.at(), type, hazard, ruleTypes, zones, level, h.at(), h.index(), description);
    }

    private List<SimZone> zonesOf(String ruleType) {
        Set<String> ids = new LinkedHashSet<>();
        ds.rules(ruleType).forEach(r -> ids.addAll(r.zones()));
        return ids.stream().map(ds::zone).toList();
    }

    private RuleDocument first(String type) {
        List<RuleDocument> rules = ds.rules(type);
        return rules.isEmpty() ? null : rules.get(0);
    }

    private static double param(RuleDocument rule, String name, double fallback) {
        return rule == null ? fallback : rule.params().path(name).asDouble(fallback);
    }
}
