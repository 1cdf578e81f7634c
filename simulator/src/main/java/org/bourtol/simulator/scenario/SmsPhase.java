package org.bourtol.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.simulator.scenario.Emission.Expect;

/**
 * The focal points' SMS, sent live after the season replay: gauge readers ({@code NIVEAU}),
 * herd sightings ({@code TROUPEAU}), incidents ({@code ALERTE CONFLIT|TENSION|DEGATS}), some with
 * the case, spacing and accent variations the grammar must accept, some malformed, some from senders
 * who are not in the reporter directory. Each sender sends at most three messages (well under the
 * per-sender rate limit). Places are the dataset's communes and stations, by name or alias.
 */
final class SmsPhase {

    /** Communes where incidents are reported, with the name a focal point would type. */
    private static final String[][] COMMUNES = {
        {"konna", "Konna"}, {"djenne", "Djenne"}, {"mopti-ville", "Sevare"}, {"diafarabe", "Diafarabe"}};
    private static final String[] SIGHTING_PLACES = {"Konna", "Djenne", "Segou", "Sevare"};
    private static final String[][] SPECIES = {{"bovins", "cattle"}, {"moutons", "sheep"}, {"chevres", "goats"}, {"boeufs", "cattle"}};

    private final ScenarioSpec spec;
    private final Random rnd;
    private final ToIntFunction<String> levelAtEnd;
    private final List<String> verified = new ArrayList<>();
    private final List<String[]> senders = new ArrayList<>();
    private Instant next;
    private int used;

    SmsPhase(ScenarioSpec spec, Dataset ds, Random rnd, ToIntFunction<String> levelAtEnd) {
        this.spec = spec;
        this.rnd = rnd;
        this.levelAtEnd = levelAtEnd;
    }

    List<String> verifiedSenders() {
        return verified;
    }

    void build(Instant seasonEnd, BiFunction<Emission, ScenarioModel.FactDraft, Integer> add) {
        next = seasonEnd;
        ScenarioSpec.Reports r = spec.reports();
        for (String station : spec.gauges().readers()) {
            String phone = sender(true);
            for (int k = 0; k < 2; k++) {
                int cm = levelAtEnd.applyAsInt(station) + rnd.nextInt(5) - 2;
                String body = typo(r) ? "niveau  " + station + " " + cm : "NIVEAU " + station.toUpperCase(Locale.ROOT) + " " + cm;
                Instant at = tick();
                add.apply(new Emission.Sms(at, ScenarioModel.messageSid(rnd), phone, body, Expect.OBSERVATION),
                        i -> new Fact.Level(i, at, station, cm));
            }
        }
        for (int s = 0; s < r.sightings(); s++) {
            String[] sp = SPECIES[rnd.nextInt(SPECIES.length)];
            String place = SIGHTING_PLACES[s % SIGHTING_PLACES.length];
            String dest = SIGHTING_PLACES[(s + 1) % SIGHTING_PLACES.length];
            int head = 40 + rnd.nextInt(300);
            String body = typo(r) ? "troupeau " + head + "  " + sp[0].toUpperCase(Locale.ROOT) + " " + place.toLowerCase(Locale.ROOT)
                    : "TROUPEAU " + head + " " + sp[0] + " " + place + " VERS " + dest;
            add.apply(new Emission.Sms(tick(), ScenarioModel.messageSid(rnd), sender(randomVerified(r)), body, Expect.OBSERVATION), null);
        }
        Emission.Sms firstClash = null;
        for (int c = 0; c < r.clashes(); c++) {
            String[] commune = COMMUNES[c % COMMUNES.length];
            boolean v = randomVerified(r);
            String body = (typo(r) ? "alerte conflit  " + commune[1].toLowerCase(Locale.ROOT) : "ALERTE CONFLIT " + commune[1])
                    + " bagarre entre eleveurs et agriculteurs, 2 blesses";
            Instant at = tick();
            Emission.Sms sms = new Emission.Sms(at, ScenarioModel.messageSid(rnd), sender(v), body, Expect.OBSERVATION);
            add.apply(sms, i -> new Fact.Report(i, at, ReportType.CLASH, commune[0], v));
            firstClash = firstClash == null ? sms : firstClash;
        }
        for (int t = 0; t < r.tensions(); t++) {
            String[] commune = COMMUNES[(r.clashes() + t) % COMMUNES.length];
            boolean damage = t % 2 == 1;
            boolean v = randomVerified(r);
            String body = damage ? "ALERTE DEGATS " + commune[1] + " champs de riz pietines"
                    : "ALERTE TENSION " + commune[1] + " dispute au point d'eau";
            Instant at = tick();
            add.apply(new Emission.Sms(at, ScenarioModel.messageSid(rnd), sender(v), body, Expect.OBSERVATION),
                    i -> new Fact.Report(i, at, damage ? ReportType.DAMAGE : ReportType.TENSION, commune[0], v));
        }
        // neither a known place nor a hazard word: answered with the help reply and kept as rejected (an unclear
        // message that names a place or a hazard goes to the officers' triage instead, and is not malformed)
        String[] malformed = {"bonjour comment ca va", "test", "envoyez moi du credit svp"};
        for (int m = 0; m < r.malformed(); m++) {
            add.apply(new Emission.Sms(tick(), ScenarioModel.messageSid(rnd), sender(randomVerified(r)),
                    malformed[m % malformed.length], Expect.REJECTED), null);
        }
        if (firstClash != null && spec.faults() != null && spec.faults().duplicates() > 0) {
            add.apply(new Emission.Sms(tick(), firstClash.messageSid(), firstClash.from(), firstClash.body(), Expect.DUPLICATE), null);
        }
    }

    private Instant tick() {
        next = next.plus(Duration.ofMinutes(1));
        return next;
    }

    private boolean typo(ScenarioSpec.Reports r) {
        return rnd.nextDouble() < r.typos();
    }

    private boolean randomVerified(ScenarioSpec.Reports r) {
        return rnd.nextDouble() >= r.unverified();
    }

    /** A synthetic Malian number (+22376xxxxxx); a sender is reused for up to three messages. */
    private String sender(boolean isVerified) {
        if (used % 3 == 0 || senders.isEmpty() || Boolean.parseBoolean(senders.get(senders.size() - 1)[1]) != isVerified) {
            String phone = String.format("+22376%06d", rnd.nextInt(1_000_000));
            senders.add(new String[] {phone, Boolean.toString(isVerified)});
            if (isVerified) {
                verified.add(phone);
            }
            used = 0;
        }
        used++;
        return senders.get(senders.size() - 1)[0];
    }
}
