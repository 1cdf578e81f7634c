package org.bourtol.notifier.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.routing.QuietHoursPolicy;

/**
 * Turns due items into SMS batches per recipient: an item waits out quiet hours (unless Extreme),
 * then the grouping window opened by the recipient's first eligible item, then the per-recipient
 * hourly throttle (Extreme alerts pass). Rule: <b>an Extreme alert is never grouped</b> — each of its
 * items (alert, repeat, escalation; not the all-clear) is a batch of its own, sent once its own
 * {@code extremeWindow} (at most the group window; default none: at the first tick it is due) has passed, so it
 * always gets the full single-alert SMS and waits for nothing it could be grouped with; the recipient's other items go
 * as one batch (at most {@link #MAX_ITEMS}) when their own window has passed. Extreme batches come
 * first. The account-wide cap ({@code notifier.maxSmsPerHour}) counts every SMS intent of the last
 * hour: once reached, ordinary batches wait (they stay due) and {@link #capReached} turns true;
 * Extreme alerts still go out, and count. Holds only the "first eligible" times; time is an argument.
 */
public final class Grouper {

    public static final int MAX_ITEMS = 4;

    /** What goes to one recipient together (the templates may still split it so no SMS drops a fact). */
    public record Batch(Recipient recipient, List<Planner.Due> dues) {
        public boolean extreme() {
            return dues.stream().anyMatch(Grouper::extreme);
        }
    }

    /** True for an item about an Extreme alert that must be sent on its own (everything but the all-clear). */
    public static boolean extreme(Planner.Due d) {
        return d.kind() != Planner.Kind.ALL_CLEAR && d.alert().severity() == Severity.Extreme;
    }

    private final Duration window;
    private final Duration extremeWindow;
    private final int maxPerHour;
    private final int accountPerHour;
    private final ZoneId timezone;
    private final Map<String, Instant> firstEligible = new HashMap<>();
    /**
     * When each batch of the last hour was handed out (only with an account cap): a batch's intent reaches the
     * ledger only once its send starts, so the next ticks must count what is still queued.
     */
    private final Deque<Instant> handedOut = new ArrayDeque<>();
    private volatile boolean capReached;
    private volatile ToIntFunction<Batch> smsPerBatch = b -> 1;

    /** No account cap, Extreme items at once. */
    public Grouper(Duration window, int maxPerHour, ZoneId timezone) {
        this(window, Duration.ZERO, maxPerHour, 0, timezone);
    }

    /**
     * @param extremeWindow  how long an Extreme item waits before it goes (capped at {@code window})
     * @param accountPerHour SMS per hour for the whole account (0: no cap); Extreme alerts pass it and count
     */
    public Grouper(Duration window, Duration extremeWindow, int maxPerHour, int accountPerHour, ZoneId timezone) {
        this.window = window;
        this.extremeWindow = extremeWindow.compareTo(window) < 0 ? extremeWindow : window;
        this.maxPerHour = maxPerHour;
        this.accountPerHour = accountPerHour;
        this.timezone = timezone;
    }

    /** The lane key of a recipient's Extreme SMS in the busy set (its other SMS use the recipient id). */
    public static String extremeLane(String recipientId) {
        return recipientId + "!";
    }

    /** True when the last {@link #ready} held SMS back because the account cap was reached. */
    public boolean capReached() {
        return capReached;
    }

    /**
     * @param busy lanes with an SMS in flight: a recipient id holds back that recipient's ordinary
     *     batches, {@link #extremeLane} its Extreme ones; an Extreme SMS in flight also holds back the
     *     ordinary ones (an all-clear never overtakes its alert), an ordinary one never holds back an Extreme
     */
    public synchronized List<Batch> ready(Instant now, List<Planner.Due> due, Ledger ledger, Set<String> busy) {
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
        List<Batch> rest = new ArrayList<>();
        long budget = budget(now, ledger);
        boolean held = false;
        int spent = 0;
        for (Map.Entry<String, List<Planner.Due>> e : byRecipient.entrySet()) {
            boolean extremeBusy = busy.contains(extremeLane(e.getKey()));
            List<Planner.Due> items = new ArrayList<>(e.getValue());
            items.sort(Comparator.comparing((Planner.Due d) -> firstEligible.get(d.item().key())).thenComparing(d -> d.item().key()));
            List<Planner.Due> others = new ArrayList<>();
            for (Planner.Due d : items) {
                if (!extreme(d)) {
                    others.add(d);
                } else if (!extremeBusy && !now.isBefore(firstEligible.get(d.item().key()).plus(extremeWindow))) {
                    firstEligible.remove(d.item().key());
                    out.add(new Batch(d.recipient(), List.of(d)));
                    budget--;
                    spent++;
                }
            }
            if (extremeBusy || busy.contains(e.getKey())) {
                continue;
            }
            if (others.isEmpty() || now.isBefore(firstEligible.get(others.get(0).item().key()).plus(window))) {
                continue;
            }
            if (budget <= 0) {
                held = true;
                continue;
            }
            if (ledger.intentsSince(e.getKey(), now.minus(Duration.ofHours(1))) >= maxPerHour) {
                continue;
            }
            Batch batch = new Batch(others.get(0).recipient(), List.copyOf(others.subList(0, Math.min(MAX_ITEMS, others.size()))));
            int sms = accountPerHour > 0 ? smsPerBatch.applyAsInt(batch) : 1;
            if (sms > budget) {
                held = true;
                continue;
            }
            batch.dues().forEach(d -> firstEligible.remove(d.item().key()));
            rest.add(batch);
            budget -= sms;
            spent += sms;
        }
        capReached = held;
        out.addAll(rest);
        for (int i = 0; i < spent && accountPerHour > 0; i++) {
            handedOut.addLast(now);
        }
        return out;
    }

    /**
     * How the account cap counts a batch: the number of SMS it becomes once the templates split it (a grouped
     * batch whose facts do not fit one segment is several SMS). By default one; the notifier sets its splitter.
     */
    public Grouper countingSms(ToIntFunction<Batch> smsPerBatch) {
        this.smsPerBatch = smsPerBatch;
        return this;
    }

    /**
     * SMS the account may still send this hour: the cap less the larger of the intents in the ledger (this
     * instance's and any before it) and the batches this grouper handed out (some still queued, not yet intents).
     */
    private long budget(Instant now, Ledger ledger) {
        if (accountPerHour <= 0) {
            return Long.MAX_VALUE;
        }
        Instant hourAgo = now.minus(Duration.ofHours(1));
        while (!handedOut.isEmpty() && handedOut.peekFirst().isBefore(hourAgo)) {
            handedOut.removeFirst();
        }
        return accountPerHour - Math.max(ledger.intentsSince(null, hourAgo), handedOut.size());
    }
}
