package org.bourtol.simulator.twilio;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The filters of Twilio's Messages list ({@code To}, {@code From}, {@code DateSent},
 * {@code DateSent>} / {@code DateSent>=}, {@code DateSent<} / {@code DateSent<=}) as the local server
 * applies them. Dates may be {@code yyyy-MM-dd} (a whole UTC day) or a date-time (UTC when no offset).
 */
record MessageFilter(String to, String from, Instant sentFrom, Instant sentBefore) implements Predicate<LocalTwilioServer.Message> {

    static final DateTimeFormatter RFC2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    static MessageFilter of(MultiMap q) {
        Instant from = null;
        Instant before = null;
        String on = q.get("DateSent");
        if (on != null) {
            from = start(on);
            before = isDate(on) ? from.plusSeconds(86_400) : from.plusSeconds(1);
        }
        String after = first(q, "DateSent>", "DateSent>=");
        if (after != null) {
            from = start(after);
        }
        String until = first(q, "DateSent<", "DateSent<=");
        if (until != null) {
            before = isDate(until) ? start(until).plusSeconds(86_400) : start(until).plusSeconds(1);
        }
        return new MessageFilter(q.get("To"), q.get("From"), from, before);
    }

    @Override
    public boolean test(LocalTwilioServer.Message m) {
        return (to == null || to.equals(m.to())) && (from == null || from.equals(m.from()))
                && (sentFrom == null || !m.dateCreated().isBefore(sentFrom))
                && (sentBefore == null || m.dateCreated().isBefore(sentBefore));
    }

    private static String first(MultiMap q, String a, String b) {
        return q.get(a) != null ? q.get(a) : q.get(b);
    }

    private static boolean isDate(String s) {
        return s.trim().length() == 10;
    }

    static Instant start(String value) {
        String s = value.trim();
        try {
            if (isDate(s)) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
