package org.bourtol.rules.passage;

import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.rules.engine.Seasons;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * {@code early-late-passage}: a herd on a corridor (within its buffer) outside the corridor's agreed
 * passage dates, widened by {@code toleranceDays}, fires "early" (closer to the opening date) or "late".
 * Pure.
 */
public final class PassageRule {

    public record Params(int toleranceDays) {
    }

    /** The corridor the herd is on (null = none) with its passage dates "MM-DD". */
    public record Input(HerdPosition herd, String zoneId, String from, String to) {
    }

    public record State(String zoneId) {
        public static final State INITIAL = new State(null);
    }

    private PassageRule() {
    }

    public static Step<State> step(State state, Input in, Params p, Instant now) {
        if (in.zoneId() == null || in.from() == null || in.to() == null) {
            return new Step<>(State.INITIAL, Verdict.CLEAR);
        }
        int year = now.atZone(ZoneOffset.UTC).getYear();
        MonthDay from = Seasons.parse(in.from());
        MonthDay to = Seasons.parse(in.to());
        String widenedFrom = shift(from, -p.toleranceDays(), year);
        String widenedTo = shift(to, p.toleranceDays(), year);
        if (Seasons.within(MonthDay.from(now.atZone(ZoneOffset.UTC)), widenedFrom, widenedTo)) {
            return new Step<>(State.INITIAL, Verdict.CLEAR);
        }
        int doy = now.atZone(ZoneOffset.UTC).getDayOfYear();
        int untilFrom = Math.floorMod(from.atYear(year).getDayOfYear() - doy, 365);
        int sinceTo = Math.floorMod(doy - to.atYear(year).getDayOfYear(), 365);
        String level = untilFrom < sinceTo ? "early" : "late";
        HerdPosition h = in.herd();
        return new Step<>(new State(in.zoneId()), new Verdict.Fire(level, null,
                "herd " + h.herdId() + " (" + h.headCount() + " head)", in.from() + " / " + in.to(),
                List.of(new Evidence(h.id(), "herd", h.observedAt(), h.headCount() + " head on the corridor", h.reporterId()))));
    }

    private static String shift(MonthDay d, int days, int year) {
        java.time.LocalDate x = d.atYear(year).plusDays(days);
        return String.format("%02d-%02d", x.getMonthValue(), x.getDayOfMonth());
    }
}
