package org.bourtol.notifier;

import org.bourtol.platform.Threads;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.common.errors.WakeupException;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.escalation.Grouper;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.DeliveryRecorder;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.ledger.LedgerReader;
import org.bourtol.notifier.routing.ZoneHierarchy;
import org.bourtol.notifier.sms.SendQueue;
import org.bourtol.notifier.sms.SmsDispatcher;
import org.bourtol.notifier.sms.Templates;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's loop, on its own thread: keeps the ownership membership alive and, while this
 * instance owns the alerts, plans (from the current alert states, directories and ledger), groups
 * and hands SMS batches to the {@link SendQueue} (Extreme first; retries wait on a timer, not on a
 * worker) — per recipient one ordinary and one Extreme lane in flight. On gaining ownership it
 * first reads the ledger to its end and resumes every open intent through reconciliation.
 */
public final class NotifierEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierEngine.class);

    /** Collaborators and settings. */
    public record Deps(KafkaClients kafka, Publisher publisher, DeliveryRecorder deliveries, TopicTable<Recipient> recipients, TopicTable<Zone> zones,
            AlertStates alerts, Ledger ledger, LedgerReader ledgerReader, SmsDispatcher dispatcher, SendQueue queue,
            Templates templates, Planner planner, Grouper grouper, Clock clock, MeterRegistry metrics,
            String group, String instanceId, Duration tick, int maxSmsPerHour) {
    }

    /** Recipients with this role get one SMS when the account cap ({@code notifier.maxSmsPerHour}) is reached. */
    public static final String ADMIN_ROLE = "admin";

    private final Deps d;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /**
     * Alerts with an SMS handed to the send queue whose intent may not be in the ledger yet (the intent is written
     * when a worker takes the SMS): such an alert is not settled, or an alert resolved meanwhile would never get the
     * all-clear that its warning, sent a moment later, is owed.
     */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Set<String> escalated = ConcurrentHashMap.newKeySet();
    private final AcknowledgementRecorder acks;
    private final StatusUpdater statuses;
    private final Thread thread;
    private final List<Runnable> onGained = new ArrayList<>();
    private final Counter capCounter;
    private final Set<String> capNotices = ConcurrentHashMap.newKeySet();
    private volatile Ownership ownership;
    private volatile boolean running = true;
    /** A wake-up is pending: a burst of alert changes wakes the engine once, not once per change. */
    private final AtomicBoolean nudged = new AtomicBoolean();

    public NotifierEngine(Deps deps, AcknowledgementRecorder acks, StatusUpdater statuses) {
        this.d = deps;
        this.acks = acks;
        this.statuses = statuses;
        this.capCounter = deps.metrics().counter("bourtol.sms.cap.reached");
        deps.metrics().gauge("bourtol.sms.queued", deps.queue(), SendQueue::queued);
        this.thread = new Thread(this::run, "notifier-engine");
        this.thread.setDaemon(true);
    }

    /** Runs on the engine thread each time this instance becomes the owner (after the ledger is read). */
    public NotifierEngine onGained(Runnable r) {
        onGained.add(r);
        return this;
    }

    /**
     * An alert changed: the owner plans at once instead of at the end of its current tick (a new alert's first
     * SMS does not wait up to a tick). Safe from any thread; does nothing on a standby instance.
     */
    public void nudge() {
        Ownership o = ownership;
        if (running && o != null && o.isOwner() && nudged.compareAndSet(false, true)) {
            o.wakeup();
        }
    }

    public NotifierEngine start() {
        thread.start();
        return this;
    }

    public boolean isOwner() {
        Ownership o = ownership;
        return o != null && o.isOwner();
    }

    private void run() {
        ownership = new Ownership(d.kafka(), d.group(), d.instanceId(), new Ownership.Listener() {
            @Override
            public void gained() {
                takeOver();
            }

            @Override
            public void lost() {
                d.queue().abandonWaiting();
                awaitIdle(Duration.ofSeconds(20));
            }
        });
        try {
            while (running) {
                try {
                    ownership.poll(d.tick());
                } catch (WakeupException e) {
                    if (!running) {
                        break;
                    }
                    // nudged: an alert changed, plan now rather than at the end of the tick
                }
                if (statuses != null) {
                    statuses.poll();
                }
                nudged.set(false);
                if (ownership.isOwner()) {
                    tick();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("notifier engine woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("notifier engine stopped [instance: {}]", d.instanceId(), e);
        } finally {
            ownership.close();
            if (statuses != null) {
                statuses.close();
            }
        }
    }

    private void takeOver() {
        if (!d.ledgerReader().awaitEnd(Duration.ofSeconds(60))) {
            LOG.warn("ledger not read to its end within 60 s; taking over anyway [instance: {}]", d.instanceId());
        }
        List<Delivery> open = d.ledger().openIntents().stream().filter(x -> !x.alertIds().isEmpty()).toList();
        LOG.info("taking over notifications [instance: {}, ledger: {}, open intents: {}]", d.instanceId(), d.ledger().size(), open.size());
        for (Delivery intent : open) {
            Recipient r = d.recipients().get(intent.recipientId()).filter(Recipient::active).orElse(null);
            List<Planner.Due> dues = new ArrayList<>();
            for (Ledger.Item item : Ledger.items(intent)) {
                d.alerts().get(item.alertId()).ifPresent(ev -> dues.add(new Planner.Due(item, kindOf(item.step()), ev.alert(), r)));
            }
            if (r == null || dues.isEmpty()) {
                d.deliveries().record(intent.outcome(DeliveryStatus.FAILED, d.clock().instant(), null, "bourtol-stale",
                        "recipient deactivated or alert gone before resend", intent.attempt()));
                continue;
            }
            Templates.Rendered text = d.templates().render(r.language(), r.role(), dues);
            boolean extreme = dues.stream().anyMatch(Grouper::extreme);
            String lane = extreme ? Grouper.extremeLane(r.id()) : r.id();
            busy.add(lane);
            d.dispatcher().resume(intent, r.phone(), text.text(), extreme ? SendQueue.FIRST : SendQueue.NORMAL, this::isOwner)
                    .whenComplete((o, e) -> {
                        if (e != null) {
                            LOG.error("resume failed [delivery: {}]", intent.deliveryId(), e);
                        }
                        busy.remove(lane);
                    });
        }
        onGained.forEach(Runnable::run);
    }

    /** Deactivated recipients are sent nothing: not alerts, not all-clears, not escalations. */
    private static Map<String, Recipient> active(Map<String, Recipient> recipients) {
        if (recipients.values().stream().allMatch(Recipient::active)) {
            return recipients;
        }
        Map<String, Recipient> out = new LinkedHashMap<>();
        recipients.forEach((id, r) -> {
            if (r.active()) {
                out.put(id, r);
            }
        });
        return out;
    }

    private void tick() {
        Instant now = d.clock().instant();
        // only alerts with possible work: resolved ones leave once nothing is due for them (work per tick does not
        // grow with the number of alerts resolved in the past)
        Collection<AlertEvent> open = d.alerts().open();
        List<Alert> alerts = open.stream().map(AlertEvent::alert).toList();
        alerts.forEach(a -> firstSeen.putIfAbsent(a.id(), now));
        Map<String, Recipient> recipients = active(d.ledger().deadNumbers().alive(d.recipients().all()));
        ZoneHierarchy zones = new ZoneHierarchy(d.zones().all());
        List<Planner.Due> due = d.planner().due(now, alerts, recipients, zones, d.ledger(), id -> firstSeen.getOrDefault(id, now));
        Map<String, List<Templates.Message>> byLane = new LinkedHashMap<>();
        Map<String, Recipient> laneRecipient = new LinkedHashMap<>();
        for (Grouper.Batch batch : d.grouper().ready(now, due, d.ledger(), busy)) {
            Recipient r = batch.recipient();
            String lane = batch.extreme() ? Grouper.extremeLane(r.id()) : r.id();
            laneRecipient.put(lane, r);
            byLane.computeIfAbsent(lane, k -> new ArrayList<>()).addAll(d.templates().split(r.language(), r.role(), batch.dues()));
        }
        for (Map.Entry<String, List<Templates.Message>> e : byLane.entrySet()) {
            e.getValue().forEach(m -> inFlight(m, 1));
            busy.add(e.getKey());
            boolean extreme = !e.getKey().equals(laneRecipient.get(e.getKey()).id());
            sendAll(laneRecipient.get(e.getKey()), e.getValue(), 0, extreme ? SendQueue.FIRST : SendQueue.NORMAL)
                    .whenComplete((x, ex) -> busy.remove(e.getKey()));
        }
        if (d.grouper().capReached()) {
            capReached(now, recipients.values());
        }
        if (acks != null) {
            acks.check(alerts, recipients);
        }
        for (AlertEvent settled : Planner.settled(open, due, inFlight.keySet())) {
            d.alerts().settle(settled);
            firstSeen.remove(settled.alertId());
        }
    }

    /** One recipient's messages of one lane, in order; each starts when the previous one has an outcome. */
    private CompletableFuture<Void> sendAll(Recipient r, List<Templates.Message> messages, int i, int priority) {
        if (i >= messages.size()) {
            return CompletableFuture.completedFuture(null);
        }
        Templates.Message m = messages.get(i);
        List<Ledger.Item> items = m.dues().stream().map(Planner.Due::item).toList();
        Templates.Rendered text = m.rendered();
        String deliveryId = items.size() == 1 ? items.get(0).alertId() + "/" + items.get(0).step().wire() + "/" + r.id()
                : "group/" + r.id() + "/" + hash(items);
        LOG.info("sending SMS [delivery: {}, recipient: {}, items: {}, segments: {}]", deliveryId, r.id(), items.size(), text.segments());
        return d.dispatcher().send(deliveryId, items, r.id(), r.phone(), text.text(), text.segments(), priority, this::isOwner)
                .handle((outcome, e) -> {
                    inFlight(m, -1);
                    if (e != null) {
                        LOG.warn("SMS not sent, will be planned again [recipient: {}, reason: {}]", r.id(), e.toString());
                    } else if (outcome == SmsDispatcher.Outcome.SENT) {
                        m.dues().forEach(due -> escalated(due, r));
                    }
                    return null;
                })
                .thenCompose(x -> sendAll(r, messages, i + 1, priority));
    }

    /** Counts a message's alerts in or out of {@link #inFlight}. */
    private void inFlight(Templates.Message m, int delta) {
        m.dues().forEach(due -> inFlight.compute(due.item().alertId(), (id, n) -> {
            int left = (n == null ? 0 : n) + delta;
            return left > 0 ? left : null;
        }));
    }

    /** Records an escalation once it was sent, with the alert's current state (never the snapshot planned from). */
    private void escalated(Planner.Due due, Recipient r) {
        if (due.kind() != Planner.Kind.ESCALATION || !escalated.add(due.alert().id() + "/" + due.item().step().wire())) {
            return;
        }
        Alert current = d.alerts().get(due.alert().id()).map(AlertEvent::alert).orElse(due.alert());
        AlertEvent ev = escalatedEvent(current, due.item().step().wire(), r.role(), d.clock().instant());
        d.publisher().publish(Topics.ALERTS, ev.alertId(), ev);
    }

    /**
     * The ESCALATED record: {@code seq -1} and the alert as it is now, so even a reader that kept
     * "whatever came last" would not see a resolved or acknowledged alert active again (and
     * {@link AlertStates} ignores its snapshot anyway).
     */
    static AlertEvent escalatedEvent(Alert current, String step, String role, Instant at) {
        return new AlertEvent(current.id() + "/ESCALATED/" + step, current.id(), AlertEventType.ESCALATED, -1, at, current,
                step + " -> " + role);
    }

    /**
     * The account cap is reached: WARN, the {@code bourtol.sms.cap.reached} counter, and one SMS per
     * clock hour to each recipient with role {@link #ADMIN_ROLE} (delivery id {@code cap/<hour>/<id>},
     * so a restart or the other instance does not send it again). The notice passes the cap.
     */
    private void capReached(Instant now, java.util.Collection<Recipient> recipients) {
        String hour = now.truncatedTo(ChronoUnit.HOURS).toString();
        if (!capNotices.add(hour)) {
            return;
        }
        capCounter.increment();
        LOG.warn("account SMS cap reached: only Extreme alerts go out until the hour passes [maxSmsPerHour: {}, hour: {}]",
                d.maxSmsPerHour(), hour);
        for (Recipient admin : recipients) {
            String deliveryId = "cap/" + hour + "/" + admin.id();
            if (!ADMIN_ROLE.equals(admin.role()) || admin.phone() == null || d.ledger().get(deliveryId).isPresent()) {
                continue;
            }
            Templates.Rendered text = d.templates().notice(admin.language(), "capnotice", Map.of("limit", String.valueOf(d.maxSmsPerHour())),
                    "Bourtol: SMS cap reached ({limit}/h). Only Extreme alerts are sent until the hour passes.");
            d.dispatcher().send(deliveryId, List.of(), admin.id(), admin.phone(),
                    text.text(), text.segments(), SendQueue.FIRST, this::isOwner);
        }
    }

    static Planner.Kind kindOf(DeliveryStep step) {
        if (step instanceof DeliveryStep.Repeat) {
            return Planner.Kind.REPEAT;
        }
        if (step instanceof DeliveryStep.Escalation) {
            return Planner.Kind.ESCALATION;
        }
        if (step instanceof DeliveryStep.Update) {
            return Planner.Kind.UPDATE;
        }
        if (step instanceof DeliveryStep.Cancelled) {
            return Planner.Kind.CANCEL;
        }
        return step instanceof DeliveryStep.Resolved ? Planner.Kind.ALL_CLEAR : Planner.Kind.ALERT;
    }

    private static String hash(List<Ledger.Item> items) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            items.stream().map(Ledger.Item::key).sorted().forEach(k -> md.update((k + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!busy.isEmpty() && System.nanoTime() < deadline) {
            if (!Threads.pause(Duration.ofMillis(20))) {
                return;
            }
        }
    }

    /**
     * Stops sending: in-flight sends are interrupted (their intents stay open and the next owner
     * reconciles them with Twilio), then the group is left so another instance takes over.
     */
    @Override
    public void close() {
        running = false;
        d.queue().close();
        Ownership o = ownership;
        if (o != null) {
            o.wakeup();
        }
        Threads.join(thread, Duration.ofSeconds(10));
    }
}
