package org.bourtol.notifier.routing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Recipient;

/**
 * Quiet hours: non-Extreme messages for a recipient wait until the end of their quiet hours (local
 * time of the recipient's timezone, else the notifier's). Extreme alerts never wait. Pure.
 */
public final class QuietHoursPolicy {

    private QuietHoursPolicy() {
    }

    /** The instant until which a message of this severity must wait, or empty when it may go now. */
    public static Optional<Instant> heldUntil(Recipient r, Severity severity, Instant now, ZoneId defaultZone) {
        if (severity == Severity.Extreme || r.quietHours() == null) {
            return Optional.empty();
        }
        LocalTime from = LocalTime.parse(r.quietHours().from());
        LocalTime to = LocalTime.parse(r.quietHours().to());
        if (from.equals(to)) {
            return Optional.empty();
        }
        ZoneId zone = defaultZone;
        if (r.timezone() != null) {
            try {
                zone = ZoneId.of(r.timezone());
            } catch (DateTimeException e) {
                zone = defaultZone;
            }
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean quiet = from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime end = local.with(to).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return Optional.of(end.toInstant());
    }
}
