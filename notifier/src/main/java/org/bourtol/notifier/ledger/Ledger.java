package org.bourtol.notifier.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.delivery.DeliveryStep;

/**
 * The in-memory view of {@code bourtol.deliveries.v1}: the latest record per delivery id, the time
 * of its intent, and indexes by item (alert, step, recipient), alert and provider message id. An
 * intent is a {@link DeliveryStatus#QUEUED} record without provider id, written (and acknowledged
 * by Kafka) before Twilio is called; an item that appears in any record is never sent again.
 * Records are merged by progress so a late re-read of an older record never undoes a newer one, and
 * {@code delivered} is final: a later {@code failed} or {@code undelivered} does not replace it.
 * Thread-safe.
 */
public final class Ledger {

    /** One (alert, lifecycle step, recipient): the unit sent at most once. */
    public record Item(String alertId, DeliveryStep step, String recipientId) {
        public String key() {
            return alertId + "|" + step.wire() + "|" + recipientId;
        }
    }

    private final Map<String, Delivery> byId = new HashMap<>();
    private final Map<String, Instant> intentAt = new HashMap<>();
    private final NavigableSet<Timed> byTime = new TreeSet<>();
    private final Map<String, NavigableSet<Timed>> byRecipientTime = new HashMap<>();
    private final Map<String, String> byItem = new HashMap<>();
    private final Map<String, Set<String>> byAlert = new HashMap<>();
    private final Map<String, String> bySid = new HashMap<>();
    private final DeadNumbers deadNumbers = new DeadNumbers();
    private final boolean localSinkCounts;

    /** A ledger where every record counts (SMS go to the local sink, or tests). */
    public Ledger() {
        this(true);
    }

    /**
     * @param localSinkCounts false when SMS go to Twilio: records of SMS the local sink took are then
     *     ignored, so nothing the local sink "sent" counts as sent and active alerts go out through Twilio
     */
    public Ledger(boolean localSinkCounts) {
        this.localSinkCounts = localSinkCounts;
    }

    /** Recipients whose number Twilio refused permanently (see {@link DeadNumbers}). */
    public DeadNumbers deadNumbers() {
        return deadNumbers;
    }

    /** The items one delivery covers: {@code alertIds} aligned with the comma-separated {@code step}. */
    public static List<Item> items(Delivery d) {
        List<DeliveryStep> steps = DeliveryStep.split(d.step());
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < d.alertIds().size(); i++) {
            out.add(new Item(d.alertIds().get(i), steps.size() == d.alertIds().size() ? steps.get(i) : steps.get(0), d.recipientId()));
        }
        return out;
    }

    public static boolean isIntent(Delivery d) {
        return d.status() == DeliveryStatus.QUEUED && d.providerId() == null;
    }

    static int rank(Delivery d) {
        return switch (d.status()) {
            case QUEUED -> d.providerId() == null ? 0 : 1;
            case SENT -> 1;
            case UNDELIVERED, FAILED -> 2;
            case DELIVERED -> 3;
            case ACKNOWLEDGED -> 4;
        };
    }

    public synchronized void apply(Delivery d) {
        if (d.localSink() && !localSinkCounts) {
            return;
        }
        deadNumbers.apply(d);
        Delivery old = byId.get(d.deliveryId());
        indexIntent(d);
        if (d.providerId() != null) {
            bySid.put(d.providerId(), d.deliveryId());
        }
        for (Item item : items(d)) {
            byItem.putIfAbsent(item.key(), d.deliveryId());
            byAlert.computeIfAbsent(item.alertId(), k -> new LinkedHashSet<>()).add(d.deliveryId());
        }
        if (old == null || rank(d) >= rank(old) || d.attempt() > old.attempt()) {
            if (old != null && d.providerId() == null && old.providerId() != null) {
                d = d.filledFrom(old);
            }
            byId.put(d.deliveryId(), d);
        }
    }

    public synchronized boolean covered(Item item) {
        return byItem.containsKey(item.key());
    }

    public synchronized Optional<Delivery> get(String deliveryId) {
        return Optional.ofNullable(byId.get(deliveryId));
    }

    public synchronized Optional<Delivery> bySid(String sid) {
        String id = bySid.get(sid);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public synchronized boolean knownSid(String sid) {
        return bySid.containsKey(sid);
    }

    public synchronized Instant intentAt(String deliveryId) {
        return intentAt.get(deliveryId);
    }

    /** Deliveries that name this alert, oldest intent first. */
    public synchronized List<Delivery> forAlert(String alertId) {
        List<Delivery> out = new ArrayList<>();
        for (String id : byAlert.getOrDefault(alertId, Set.of())) {
            out.add(byId.get(id));
        }
        out.sort((a, b) -> intentAt.get(a.deliveryId()).compareTo(intentAt.get(b.deliveryId())));
        return out;
    }

    /** Intents with no provider answer recorded yet: reconciled with Twilio before any resend. */
    public synchronized List<Delivery> openIntents() {
        return byId.values().stream().filter(Ledger::isIntent)
                .sorted((a, b) -> intentAt.get(a.deliveryId()).compareTo(intentAt.get(b.deliveryId()))).toList();
    }

    /**
     * SMS intents for a recipient (null: for everyone) since an instant (throttling, the account cap). Read from
     * the time indexes, so it costs the intents since then, not the whole ledger (called every tick).
     */
    public synchronized long intentsSince(String recipientId, Instant since) {
        NavigableSet<Timed> index = recipientId == null ? byTime : byRecipientTime.get(recipientId);
        return index == null ? 0 : index.tailSet(new Timed(since, ""), true).size();
    }

    /** A delivery's intent time, ordered by time then id (the time indexes' entries). */
    private record Timed(Instant at, String deliveryId) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : deliveryId.compareTo(o.deliveryId);
        }
    }

    /** The intent time is the earliest record of the delivery; an older record read late moves it back. */
    private void indexIntent(Delivery d) {
        Instant before = intentAt.get(d.deliveryId());
        if (before != null && !d.at().isBefore(before)) {
            return;
        }
        intentAt.put(d.deliveryId(), d.at());
        NavigableSet<Timed> mine = byRecipientTime.computeIfAbsent(d.recipientId(), k -> new TreeSet<>());
        if (before != null) {
            byTime.remove(new Timed(before, d.deliveryId()));
            mine.remove(new Timed(before, d.deliveryId()));
        }
        byTime.add(new Timed(d.at(), d.deliveryId()));
        mine.add(new Timed(d.at(), d.deliveryId()));
    }

    public synchronized int size() {
        return byId.size();
    }
}
