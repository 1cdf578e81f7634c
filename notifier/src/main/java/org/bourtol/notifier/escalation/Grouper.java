package org.bourtol.notifier.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.routing.QuietHoursPolicy;

/**
 * Turns due items into SMS batches, one per recipient: an item waits out quiet hours (unless
 * Extreme), then the grouping window opened by the recipient's first eligible item (at most
 * {@link #EXTREME_WINDOW} for Extreme alerts), then the per-recipient hourly throttle (Extreme alerts
 * pass). Everything eligible for the recipient then goes out as one SMS (at most {@link #MAX_ITEMS}).
 * Holds only the "first eligible" times; time is an argument.
 */
public final class Grouper {

    public static final Duration EXTREME_WINDOW = Duration.ofSeconds(5);
    public static final int MAX_ITEMS = 4;

    /** One SMS to send. */
    public record Batch(Recipient recipient, List<Planner.Due> dues) {
        public boolean extreme() {
            return dues.stream().anyMatch(d -> d.kind() != Planner.Kind.ALL_CLEAR && d.alert().severity() == Severity.Extreme);
        }
    }

    private final Duration window;
    private final int maxPerHour;
    private final ZoneId timezone;
    private final Map<String, Instant> firstEligible = new HashMap<>();

    public Grouper(Duration window, int maxPerHour, ZoneId timezone) {
        this.window = window;
        this.maxPerHour = maxPerHour;
        this.timezone = timezone;
    }

    public synchronized List<Batch> ready(Instant now, List<Planner.Due> due, Ledger ledger, Set<String> busyRecipients) {
        Map<String, List<Planner.Due>> byRecipient = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (Planner.Due d : due) {
            Severity s = d.kind() == Planner.Kind.ALL_CLEAR ? Severity.Minor : d.alert().severity();
            if (QuietHoursPolicy.heldUntil(d.recipient(), s, now, timezone).isPresent()) {
                continue;
            }
            keys.add(d.item().key());
            firstEligible.putIfAbsent(d.item().key(), now);
            byRecipient.computeIfAbsent(d.recipient().id(), k -> new ArrayList<>()).add(d);
        }
        firstEligible.keySet().retainAll(keys);
        List<Batch> out = new ArrayList<>();
        for (Map.Entry<String, List<Planner.Due>> e : byRecipient.entrySet()) {
            if (busyRecipients.contains(e.getKey())) {
                continue;
            }
            List<Planner.Due> items = new ArrayList<>(e.getValue());
            items.sort(Comparator.comparing((Planner.Due d) -> firstEligible.get(d.item().key())).thenComparing(d -> d.item().key()));
            Batch batch = new Batch(items.get(0).recipient(), List.copyOf(items.subList(0, Math.min(MAX_ITEMS, items.size()))));
            Duration w = batch.extreme() && EXTREME_WINDOW.compareTo(window) < 0 ? EXTREME_WINDOW : window;
            Instant opened = firstEligible.get(items.get(0).item().key());
            if (now.isBefore(opened.plus(w))) {
                continue;
            }
            if (!batch.extreme() && ledger.intentsSince(e.getKey(), now.minus(Duration.ofHours(1))) >= maxPerHour) {
                continue;
            }
            batch.dues().forEach(d -> firstEligible.remove(d.item().key()));
            out.add(batch);
        }
        return out;
    }
}
