package org.bourtol.rules.engine;

import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** "MM-DD" periods that may wrap over the new year. */
public final class Seasons {

    private static final DateTimeFormatter MM_DD = DateTimeFormatter.ofPattern("MM-dd");

    private Seasons() {
    }

    public static MonthDay parse(String mmdd) {
        return MonthDay.parse(mmdd, MM_DD);
    }

    /** True when {@code day} is in [from, to] (inclusive), wrapping when from is after to. */
    public static boolean within(MonthDay day, String from, String to) {
        MonthDay f = parse(from);
        MonthDay t = parse(to);
        return f.isAfter(t) ? !day.isBefore(f) || !day.isAfter(t) : !day.isBefore(f) && !day.isAfter(t);
    }

    /** True when {@code at} (UTC) is in [from, to) — the end day itself is outside (e.g. a field-release date). */
    public static boolean withinExclusive(Instant at, String from, String to) {
        MonthDay day = MonthDay.from(at.atZone(ZoneOffset.UTC));
        return within(day, from, to) && !day.equals(parse(to));
    }

    public static boolean valid(String mmdd) {
        try {
            parse(mmdd);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
