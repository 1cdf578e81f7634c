package org.bourtol.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bourtol.simulator.scenario.Emission.Expect;

/**
 * Generates a {@link Timeline} from a scenario and the dataset: pure and seeded (the same spec,
 * dataset and {@code today} give the same messages, byte for byte). Sensors (collars, automatic
 * gauges, rain gauges) publish with simulated {@code observedAt}; focal-point SMS are sent in the
 * live phase after the season replay (their event time is the time Bourtol receives them).
 */
public final class ScenarioModel {

    private final ScenarioSpec spec;
    private final Dataset ds;
    private final Random rnd;
    private final int year;
    private final Instant start;
    private final Instant end;
    private final List<Emission> emissions = new ArrayList<>();
    private final List<Fact> facts = new ArrayList<>();

    private ScenarioModel(ScenarioSpec spec, Dataset ds, LocalDate today) {
        this.spec = spec;
        this.ds = ds;
        this.rnd = new Random(spec.seed());
        MonthDay endDay = MonthDay.parse("--" + spec.end());
        int y = spec.year() != null && spec.year() > 0 ? spec.year()
                : (today.isAfter(endDay.atYear(today.getYear())) ? today.getYear() : today.getYear() - 1);
        this.year = y;
        this.start = MonthDay.parse("--" + spec.start()).atYear(y).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.end = endDay.atYear(y).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("scenario end " + spec.end() + " must be after start " + spec.start());
        }
    }

    /** The season of {@code spec} on {@code ds}; {@code today} resolves {@code year: 0}. */
    public static Timeline generate(ScenarioSpec spec, Dataset ds, LocalDate today) {
        return new ScenarioModel(spec, ds, today).run();
    }

    private Timeline run() {
        Hydrograph.Profile profile = Hydrograph.Profile.of(spec.floodYear());
        List<Pending> sensors = new ArrayList<>();
        herds(profile, sensors);
        gauges(profile, sensors);
        rain(sensors);
        new FaultInjector(spec.faults(), rnd).apply(sensors, start, end);
        sensors.sort(Comparator.comparing(Pending::sendAt).thenComparing(p -> p.emission().payloadOrBody()));
        for (Pending p : sensors) {
            add(p.emission().build(p.sendAt()), p.fact());
        }
        SmsPhase sms = new SmsPhase(spec, ds, rnd, this::gaugeAtEnd);
        sms.build(end, this::add);
        List<GroundTruthEvent> truth = new Oracle(ds).evaluate(facts);
        return new Timeline(spec.name(), spec.seed(), start, end, emissions, truth, sms.verifiedSenders());
    }

    private int add(Emission e, FactDraft draft) {
        int index = emissions.size();
        emissions.add(e);
        if (draft != null && e.expect() == Expect.OBSERVATION) {
            facts.add(draft.at(index));
        }
        return index;
    }

    private void herds(Hydrograph.Profile profile, List<Pending> out) {
        List<HerdPlanner.Herd> herds = new HerdPlanner(ds, rnd, start, end, year, profile != Hydrograph.Profile.NORMAL)
                .plan(spec.herds());
        Duration every = Duration.ofMinutes(spec.herds().collarIntervalMinutes());
        for (HerdPlanner.Herd h : herds) {
            Random own = new Random(rnd.nextLong());
            double battery = 70 + own.nextInt(30);
            for (Instant t = start.plus(Duration.ofMinutes(own.nextInt((int) every.toMinutes()))); t.isBefore(end); t = t.plus(every)) {
                if (h.quietFrom() != null && !t.isBefore(h.quietFrom())) {
                    break;
                }
                battery = Math.max(5, battery - 0.02);
                out.add(fix(h, t, own, battery));
            }
            if (h.lastFix() != null && h.lastFix().isBefore(end)) {
                out.add(fix(h, h.lastFix(), own, battery));
            }
        }
    }

    private static Pending fix(HerdPlanner.Herd h, Instant t, Random own, double battery) {
        double[] p = h.track().at(t, own);
        String payload = String.format(Locale.ROOT,
                "{\"herdId\":\"%s\",\"lat\":%.5f,\"lon\":%.5f,\"headCount\":%d,\"species\":\"%s\",\"batteryPct\":%.1f,\"observedAt\":\"%s\"}",
                h.id(), p[0], p[1], h.headCount(), h.species().wire(), battery, t);
        return new Pending(t, new Draft.Mqtt("bourtol/v1/herd/" + h.device(), payload),
                i -> new Fact.HerdFix(i, t, h.id(), Double.parseDouble(String.format(Locale.ROOT, "%.5f", p[0])),
                        Double.parseDouble(String.format(Locale.ROOT, "%.5f", p[1])), h.headCount()));
    }

    private final java.util.Map<String, Hydrograph> curves = new java.util.LinkedHashMap<>();

    private void gauges(Hydrograph.Profile profile, List<Pending> out) {
        Duration every = Duration.ofMinutes(spec.gauges().intervalMinutes());
        for (String station : spec.gauges().stations()) {
            List<String> custom = spec.gauges().hydrographs() == null ? null : spec.gauges().hydrographs().get(station);
            Hydrograph h = custom != null ? Hydrograph.of(station, year, custom)
                    : Hydrograph.builtIn(station, year, profile).orElseThrow(
                            () -> new IllegalArgumentException("no hydrograph for station " + station + " (give gauges.hydrographs." + station + ")"));
            curves.put(station, h);
            for (Instant t = start; t.isBefore(end); t = t.plus(every)) {
                int cm = (int) Math.round(h.levelAt(t) + rnd.nextGaussian() * spec.gauges().noiseCm());
                Instant at = t;
                out.add(new Pending(t, new Draft.Mqtt("bourtol/v1/gauge/" + station,
                        "{\"levelCm\":" + cm + ",\"observedAt\":\"" + t + "\"}"), i -> new Fact.Level(i, at, station, cm)));
            }
        }
    }

    private int gaugeAtEnd(String station) {
        Hydrograph h = curves.get(station);
        return h == null ? 300 : (int) Math.round(h.levelAt(end));
    }

    private void rain(List<Pending> out) {
        int period = spec.rain().periodMinutes();
        for (String station : spec.rain().stations()) {
            List<Integer> stormDays = new ArrayList<>();
            long rainyDays = Math.max(1, Duration.between(start, earliest(end, LocalDate.of(year, 9, 30))).toDays());
            for (int s = 0; s < spec.rain().stormDays(); s++) {
                stormDays.add(rnd.nextInt((int) rainyDays));
            }
            int day = 0;
            for (Instant t = start.plus(Duration.ofHours(8)); t.isBefore(end); t = t.plus(Duration.ofMinutes(period)), day++) {
                int month = t.atZone(ZoneOffset.UTC).getMonthValue();
                double wet = month <= 8 ? 0.45 : month == 9 ? 0.3 : month == 10 ? 0.08 : 0.0;
                double mm = stormDays.contains(day) ? 55 + rnd.nextInt(35)
                        : rnd.nextDouble() < wet ? Math.min(22, Math.round(-Math.log(1 - rnd.nextDouble()) * 8 * 10) / 10.0) : 0;
                Instant at = t;
                double v = mm;
                out.add(new Pending(t, new Draft.Mqtt("bourtol/v1/rain/" + station, String.format(Locale.ROOT,
                        "{\"mm\":%.1f,\"periodMinutes\":%d,\"observedAt\":\"%s\"}", mm, period, t)), i -> new Fact.Rain(i, at, station, v)));
            }
        }
    }

    private static Instant earliest(Instant a, LocalDate b) {
        Instant bi = b.atStartOfDay(ZoneOffset.UTC).toInstant();
        return a.isBefore(bi) ? a : bi;
    }

    /** A synthetic Twilio MessageSid: "SM" + 32 hex digits from the scenario's random source. */
    static String messageSid(Random rnd) {
        byte[] b = new byte[16];
        rnd.nextBytes(b);
        return "SM" + HexFormat.of().formatHex(b);
    }

    /** Builds the fact of an emission once its index is known. */
    interface FactDraft {
        Fact at(int index);
    }

    /** A message before its send time is final (faults may move it). */
    record Pending(Instant sendAt, Draft emission, FactDraft fact) {
    }

    /** The content of an emission, without its send time. */
    sealed interface Draft {
        Emission build(Instant at);

        String payloadOrBody();

        record Mqtt(String topic, String payload, Expect expect, Emission.Fault fault) implements Draft {
            Mqtt(String topic, String payload) {
                this(topic, payload, Expect.OBSERVATION, Emission.Fault.NONE);
            }

            Mqtt(String topic, String payload, Expect expect) {
                this(topic, payload, expect, Emission.Fault.NONE);
            }

            Mqtt with(Emission.Fault newFault) {
                return new Mqtt(topic, payload, expect, newFault);
            }

            @Override
            public Emission build(Instant at) {
                return new Emission.Mqtt(at, topic, payload, expect, fault);
            }

            @Override
            public String payloadOrBody() {
                return topic + payload;
            }
        }
    }
}
