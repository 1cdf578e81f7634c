package org.bourtol.notifier;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.WakeupException;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.escalation.Grouper;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.ledger.LedgerReader;
import org.bourtol.notifier.routing.ZoneHierarchy;
import org.bourtol.notifier.sms.SmsDispatcher;
import org.bourtol.notifier.sms.Templates;
import org.bourtol.platform.kafka.DirectoryCache;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's loop, on its own thread: keeps the ownership membership alive and, while this
 * instance owns the alerts, plans (from the current alert states, directories and ledger), groups
 * and hands SMS batches to worker threads — one in flight per recipient. On gaining ownership it
 * first reads the ledger to its end and resumes every open intent through reconciliation.
 */
public final class NotifierEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierEngine.class);

    /** Collaborators and settings. */
    public record Deps(KafkaClients kafka, Publisher publisher, DirectoryCache<Recipient> recipients, DirectoryCache<Zone> zones,
                       DirectoryCache<AlertEvent> alerts, Ledger ledger, LedgerReader ledgerReader, SmsDispatcher dispatcher,
                       Templates templates, Planner planner, Grouper grouper, Clock clock, MeterRegistry metrics,
                       String group, String instanceId, Duration tick) {
    }

    private final Deps d;
    private final ExecutorService workers;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Set<String> escalated = ConcurrentHashMap.newKeySet();
    private final AcknowledgementRecorder acks;
    private final StatusUpdater statuses;
    private final Thread thread;
    private final List<Runnable> onGained = new ArrayList<>();
    private volatile Ownership ownership;
    private volatile boolean running = true;

    public NotifierEngine(Deps deps, AcknowledgementRecorder acks, StatusUpdater statuses) {
        this.d = deps;
        this.acks = acks;
        this.statuses = statuses;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "notifier-sms-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "notifier-engine");
        this.thread.setDaemon(true);
    }

    /** Runs on the engine thread each time this instance becomes the owner (after the ledger is read). */
    public NotifierEngine onGained(Runnable r) {
        onGained.add(r);
        return this;
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
                awaitIdle(Duration.ofSeconds(20));
            }
        });
        try {
            while (running) {
                ownership.poll(d.tick());
                if (statuses != null) {
                    statuses.poll();
                }
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
        List<Delivery> open = d.ledger().openIntents();
        LOG.info("taking over notifications [instance: {}, ledger: {}, open intents: {}]", d.instanceId(), d.ledger().size(), open.size());
        for (Delivery intent : open) {
            Recipient r = d.recipients().get(intent.recipientId()).orElse(null);
            List<Planner.Due> dues = new ArrayList<>();
            for (Ledger.Item item : Ledger.items(intent)) {
                d.alerts().get(item.alertId()).ifPresent(ev -> dues.add(new Planner.Due(item, kindOf(item.step()), ev.alert(), r)));
            }
            if (r == null || dues.isEmpty()) {
                record(new Delivery(intent.deliveryId(), intent.alertIds(), intent.step(), intent.recipientId(), "sms",
                        DeliveryStatus.FAILED, intent.to(), null, "bourtol-stale", "recipient or alert gone before resend",
                        intent.segments(), intent.attempt(), d.clock().instant()));
                continue;
            }
            Templates.Rendered text = d.templates().render(r.language(), r.role(), dues);
            busy.add(r.id());
            workers.submit(() -> {
                try {
                    d.dispatcher().resume(intent, r.phone(), text.text(), this::isOwner);
                } catch (Exception e) {
                    LOG.error("resume failed [delivery: {}]", intent.deliveryId(), e);
                } finally {
                    busy.remove(r.id());
                }
            });
        }
        onGained.forEach(Runnable::run);
    }

    private void tick() {
        Instant now = d.clock().instant();
        List<Alert> alerts = d.alerts().all().values().stream().map(AlertEvent::alert).toList();
        alerts.forEach(a -> firstSeen.putIfAbsent(a.id(), now));
        Map<String, Recipient> recipients = d.ledger().deadNumbers().alive(d.recipients().all());
        ZoneHierarchy zones = new ZoneHierarchy(d.zones().all());
        List<Planner.Due> due = d.planner().due(now, alerts, recipients, zones, d.ledger(), id -> firstSeen.getOrDefault(id, now));
        Map<String, List<Grouper.Batch>> byRecipient = new LinkedHashMap<>();
        for (Grouper.Batch batch : d.grouper().ready(now, due, d.ledger(), busy)) {
            byRecipient.computeIfAbsent(batch.recipient().id(), k -> new ArrayList<>()).add(batch);
        }
        for (Map.Entry<String, List<Grouper.Batch>> e : byRecipient.entrySet()) {
            busy.add(e.getKey());
            workers.submit(() -> {
                try {
                    for (Grouper.Batch batch : e.getValue()) {
                        Recipient r = batch.recipient();
                        for (Templates.Message m : d.templates().split(r.language(), r.role(), batch.dues())) {
                            send(r, m);
                        }
                    }
                } catch (RuntimeException ex) {
                    LOG.warn("SMS not sent, will be planned again [recipient: {}, reason: {}]", e.getKey(), ex.toString());
                } finally {
                    busy.remove(e.getKey());
                }
            });
        }
        if (acks != null) {
            acks.check(alerts, recipients);
        }
    }

    /** Sends one SMS (the items of one message, in order per recipient); a failure leaves its items due for the next tick. */
    private void send(Recipient r, Templates.Message m) {
        try {
            dispatch(r, m);
        } catch (Exception e) {
            LOG.warn("SMS not sent, will be planned again [recipient: {}, reason: {}]", r.id(), e.toString());
        }
    }

    private void dispatch(Recipient r, Templates.Message m) throws Exception {
        List<Ledger.Item> items = m.dues().stream().map(Planner.Due::item).toList();
        Templates.Rendered text = m.rendered();
        String deliveryId = items.size() == 1 ? items.get(0).alertId() + "/" + items.get(0).step() + "/" + r.id()
                : "group/" + r.id() + "/" + hash(items);
        LOG.info("sending SMS [delivery: {}, recipient: {}, items: {}, segments: {}]", deliveryId, r.id(), items.size(), text.segments());
        d.dispatcher().send(deliveryId, items, r.id(), r.phone(), text.text(), text.segments(), this::isOwner);
        boolean sent = d.ledger().get(deliveryId).map(x -> x.providerId() != null).orElse(false);
        for (Planner.Due due : sent ? m.dues() : List.<Planner.Due>of()) {
            if (due.kind() == Planner.Kind.ESCALATION && escalated.add(due.alert().id() + "/" + due.item().step())) {
                String eventId = due.alert().id() + "/ESCALATED/" + due.item().step();
                d.publisher().publish(Topics.ALERTS, due.alert().id(), new AlertEvent(eventId, due.alert().id(), AlertEventType.ESCALATED,
                        -1, d.clock().instant(), due.alert(), due.item().step() + " -> " + r.role()));
            }
        }
    }

    void record(Delivery delivery) {
        d.publisher().publish(Topics.DELIVERIES, delivery.deliveryId(), delivery).onSuccess(m -> d.ledger().apply(delivery));
    }

    static Planner.Kind kindOf(String step) {
        if (step.startsWith("repeat-")) {
            return Planner.Kind.REPEAT;
        }
        if (step.startsWith("escalation-")) {
            return Planner.Kind.ESCALATION;
        }
        if (step.startsWith(Planner.UPDATE)) {
            return Planner.Kind.UPDATE;
        }
        if (Planner.CANCELLED.equals(step)) {
            return Planner.Kind.CANCEL;
        }
        return Planner.RESOLVED.equals(step) ? Planner.Kind.ALL_CLEAR : Planner.Kind.ALERT;
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
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Ownership o = ownership;
        if (o != null) {
            o.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
