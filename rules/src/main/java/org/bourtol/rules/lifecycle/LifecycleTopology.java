package org.bourtol.rules.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.topic.JsonSerde;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.engine.BeforeCommit;
import org.bourtol.rules.engine.DirectoryProcessor;
import org.bourtol.rules.engine.HeldKeys;
import org.bourtol.rules.engine.ObjectCache;
import org.bourtol.rules.engine.OnDemandPunctuation;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;
import org.bourtol.rules.engine.WriteBehindStore;
import org.bourtol.rules.riskscore.RiskScoreTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the families' signals, the acknowledgement requests and the officer-issued warnings
 * ({@code bourtol.warnings.v1}, see {@link WarningLifecycle}; expiry checked every
 * {@link #EXPIRY_CHECK} of wall-clock time) into alert lifecycle events on
 * {@code bourtol.alerts.v1}. A resolve request (officer, API) closes the alert by hand
 * ({@link Lifecycle#onResolve}). An SMS acknowledgement counts only once the notifier has verified that its
 * sender was sent the alert ({@link AckRequest#stopsTheAlert}). Signals are funnelled through a one-partition repartition topic so a single
 * task owns every alert: that is what makes "one active alert per (rule, zone)" and "short code unique
 * among active alerts" simple and exact. Stores: {@code alert-slots} (rule|zone → slot) and
 * {@code alert-index} ("id:"/"code:" → rule|zone).
 */
public final class LifecycleTopology {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleTopology.class);
    public static final String SLOTS = "alert-slots";
    public static final String INDEX = "alert-index";
    /** How often officer-issued alerts are checked for expiry (wall clock). */
    static final Duration EXPIRY_CHECK = Duration.ofSeconds(5);
    /** Alert slots kept parsed ({@link ObjectCache}): an alert's slot is read back on each of its signals without parsing. */
    private static final int CACHED_SLOTS = 1024;
    /**
     * A stream thread whose readings waited longer than this after ingest received them is catching up: it does not
     * ask for extra commits. A requested commit saves an alert at most one commit interval; at saturation one was asked
     * for at nearly every commit, doubling the transactions the thread stopped for while it had readings waiting.
     */
    static final Duration CATCHING_UP = BeforeCommit.COMMIT_INTERVAL.multipliedBy(2);

    private LifecycleTopology() {
    }

    public static KStream<String, AlertEvent> addTo(KStream<String, Signal> signals, KStream<String, AckRequest> acks,
                                                    KStream<String, Warning> warnings, RulesEnv env) {
        KStream<String, Signal> funnel = signals.repartition(Repartitioned.<String, Signal>as("signals")
                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(Signal.class)).withNumberOfPartitions(1));
        KStream<String, Signal> ackSignals = acks
                .filter((k, a) -> a != null && a.stopsTheAlert())
                .mapValues(a -> Signal.ack(new Signal.Ack(a.id(), a.alertId(), a.code(), a.by(), a.at(), a.resolves() ? a.reason() : null)));
        KStream<String, Signal> warningSignals = warnings
                .filter((k, w) -> w != null)
                .mapValues(Signal::warning);
        StoreBuilder<KeyValueStore<String, AlertSlot>> slots = env.store(WriteBehindStore.of(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SLOTS), Serdes.String(), new JsonSerde<>(AlertSlot.class))));
        StoreBuilder<KeyValueStore<String, String>> index = env.store(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(INDEX), Serdes.String(), Serdes.String()));
        KStream<String, Signal> scores = RiskScoreTopology.addTo(funnel, env);
        KStream<String, AlertEvent> events = funnel.merge(scores, Named.as("signals-and-scores"))
                .merge(ackSignals, Named.as("signals-and-acks"))
                .merge(warningSignals, Named.as("signals-and-warnings"))
                .process(new ProcessorSupplier<String, Signal, String, AlertEvent>() {
                    @Override
                    public Processor<String, Signal, String, AlertEvent> get() {
                        return new LifecycleProcessor(env);
                    }

                    @Override
                    public Set<StoreBuilder<?>> stores() {
                        return Set.of(slots, index);
                    }
                }, Named.as("lifecycle"));
        events.to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde()));
        return events;
    }

    private static final class LifecycleProcessor extends DirectoryProcessor<String, Signal, String, AlertEvent> {
        private KeyValueStore<String, AlertSlot> slots;
        private KeyValueStore<String, String> index;
        /**
         * Slot keys whose slot holds an update not published yet ({@link AlertSlot#unpublished}), and when each alert's
         * last event was published.
         */
        private final HeldKeys unpublished;
        private OnDemandPunctuation publisher;
        /** True when {@link BeforeCommit} runs {@link #beforeCommit} at this task's commits. */
        private boolean hooked;
        /** True when this processor asked for a commit since the task's last one ({@link #requestCommit}). */
        private boolean commitRequested;

        LifecycleProcessor(RulesEnv env) {
            super(env);
            this.unpublished = new HeldKeys(env.updateInterval());
        }

        @Override
        public void init(ProcessorContext<String, AlertEvent> context) {
            super.init(context);
            this.slots = new ObjectCache<>(context.getStateStore(SLOTS), CACHED_SLOTS);
            this.index = context.getStateStore(INDEX);
            context.schedule(EXPIRY_CHECK, PunctuationType.WALL_CLOCK_TIME, this::expire);
            unpublished.clear();
            // held updates go at the task's commits, once due (BeforeCommit); a punctuation runs only while some wait (an
            // idle task commits nothing), to keep the task committing; where there are no commits to join (a test's mock
            // context) the punctuation publishes them
            hooked = BeforeCommit.register(context, this::beforeCommit, List.of(SLOTS));
            boolean atCommit = hooked && !env.updateInterval().isZero();
            publisher = BeforeCommit.sender(context, env.updateInterval(), atCommit, unpublished::waiting, this::publish);
            if (!env.updateInterval().isZero()) {
                // updates held back when this task last stopped (their slots say so): published at the first commit
                try (KeyValueIterator<String, AlertSlot> it = slots.all()) {
                    it.forEachRemaining(kv -> {
                        if (kv.value != null && kv.value.unpublished() != null) {
                            unpublished.hold(kv.key);
                        }
                    });
                }
                if (unpublished.waiting()) {
                    publisher.request();
                }
            }
        }

        /**
         * Publishes the latest state of every alert whose update was held back, as one UPDATED event each; false when none
         * was.
         */
        private boolean publish(long now) {
            return unpublished.sendAll(now, key -> publish(key, now));
        }

        /** At each commit of the task, before its stores write down: publishes what is due. */
        private void beforeCommit(long now) {
            commitRequested = false;
            // the held updates of the alerts whose last event went the update interval ago; the others keep waiting
            unpublished.sendDue(now, key -> publish(key, now));
        }

        /** Publishes the held update of {@code key}'s alert, if its slot still has one, as one UPDATED event with its whole state. */
        private void publish(String key, long now) {
            AlertSlot slot = slots.get(key);
            if (slot != null && slot.unpublished() != null) {
                slots.put(key, slot.withUnpublished(null));
                AlertEvent e = Lifecycle.emit(slot, AlertEventType.UPDATED, slot.unpublished(), null).events().get(0);
                context().forward(new Record<>(e.alertId(), e, e.at().toEpochMilli()));
                unpublished.sent(key, now);
            }
        }

        /**
         * Asks Kafka Streams to commit at once, unless this processor already asked since the task's last commit (at
         * most one extra transaction per commit) or its stream thread is catching up ({@link #CATCHING_UP}): an alert's
         * events then leave now, not at the next commit interval. The signals are read committed, so they arrive just
         * after a commit of the families' tasks, and the thread's next commit was nearly a whole interval away; a
         * requested commit does not move the interval's own.
         */
        private void requestCommit() {
            if (hooked && !commitRequested && !env.behind(context().currentSystemTimeMs(), CATCHING_UP)) {
                context().commit();
                commitRequested = true;
            }
        }

        /** Resolves the officer-issued alerts whose expiry time has passed. */
        private void expire(long now) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, AlertSlot> it = slots.prefixScan(WarningLifecycle.key(""), Serdes.String().serializer())) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null && kv.value.active()) {
                        keys.add(kv.key);
                    }
                });
            }
            for (String key : keys) {
                AlertSlot before = slots.get(key);
                apply(key, before, WarningLifecycle.onExpiry(before, Instant.ofEpochMilli(now)), now);
            }
        }

        private void warning(Warning w, long ts) {
            String key = WarningLifecycle.key(w.id());
            AlertSlot before = slots.get(key);
            Instant at = w.updatedAt() != null ? w.updatedAt() : Instant.ofEpochMilli(ts);
            apply(key, before, WarningLifecycle.onWarning(before, w, at, code -> index.get("code:" + code) != null), ts);
        }

        @Override
        public void process(Record<String, Signal> record) {
            Signal s = record.value();
            if (s == null) {
                return;
            }
            if (s.ack() != null) {
                ack(s.ack(), record.timestamp());
                return;
            }
            if (s.warning() != null) {
                warning(s.warning(), record.timestamp());
                return;
            }
            String key = s.key();
            AlertSlot before = slots.get(key);
            Zone zone = view().zones().zone(s.zone()).orElse(null);
            Lifecycle.ZoneFacts facts = new Lifecycle.ZoneFacts(zone == null ? s.zone() : zone.name(),
                    zone == null ? null : zone.geometry());
            Lifecycle.Result r = Lifecycle.onSignal(before, s, facts, code -> index.get("code:" + code) != null);
            if (!holdBack(key, before, r)) {
                apply(key, before, r, record.timestamp());
            }
        }

        /**
         * Holds back an update of an active alert that keeps its severity when the alert was published less than the update
         * interval ago: its slot is written with the step marked unpublished, and {@link #publish} sends the latest state.
         * True when held back.
         */
        private boolean holdBack(String key, AlertSlot before, Lifecycle.Result r) {
            if (env.updateInterval().isZero() || r.events().size() != 1 || before == null || !before.active()) {
                return false;
            }
            AlertEvent e = r.events().get(0);
            if (e.type() != AlertEventType.UPDATED || e.alert().severity() != before.alert().severity()
                    || !unpublished.lately(key, context().currentSystemTimeMs())) {
                return false;
            }
            slots.put(key, r.slot().withUnpublished(e.at()));
            unpublished.hold(key);
            publisher.request();
            return true;
        }

        private void ack(Signal.Ack ack, long ts) {
            String key = ack.alertId() != null ? index.get("id:" + ack.alertId())
                    : index.get("code:" + ack.code().trim().toUpperCase(java.util.Locale.ROOT));
            if (key == null) {
                if (env.live()) {
                    LOG.info("acknowledgement for no active alert ignored [request: {}, alertId: {}, code: {}]",
                            ack.requestId(), ack.alertId(), ack.code());
                }
                return;
            }
            AlertSlot before = slots.get(key);
            apply(key, before, ack.resolves() ? Lifecycle.onResolve(before, ack) : Lifecycle.onAck(before, ack), ts);
        }

        private void apply(String key, AlertSlot before, Lifecycle.Result r, long ts) {
            if (r.slot() != null) {
                // a step that publishes nothing keeps a held-back update waiting; one that publishes carries the whole state
                boolean waiting = r.events().isEmpty() && before != null && before.unpublished() != null && r.slot().unpublished() == null;
                slots.put(key, waiting ? r.slot().withUnpublished(before.unpublished()) : r.slot());
            }
            if (!r.events().isEmpty() && !env.updateInterval().isZero()) {
                unpublished.sent(key, context().currentSystemTimeMs());
            }
            for (AlertEvent e : r.events()) {
                switch (e.type()) {
                    case RAISED -> {
                        index.put("id:" + e.alertId(), key);
                        index.put("code:" + e.alert().code(), key);
                        if (env.live()) {
                            LOG.info("alert raised [rule: {}, zone: {}, severity: {}, code: {}]", e.alert().rule(),
                                    e.alert().zone(), e.alert().severity(), e.alert().code());
                        }
                    }
                    case RESOLVED -> {
                        index.delete("id:" + e.alertId());
                        index.delete("code:" + e.alert().code());
                        if (env.live()) {
                            LOG.info("alert resolved [rule: {}, zone: {}, code: {}, by: {}]", e.alert().rule(), e.alert().zone(),
                                    e.alert().code(), e.note() == null ? "its sources" : e.note());
                        }
                    }
                    default -> LOG.debug("alert {} [rule: {}, zone: {}, severity: {}]", e.type(), e.alert().rule(),
                            e.alert().zone(), e.alert().severity());
                }
                context().forward(new Record<>(e.alertId(), e, ts));
            }
            if (!r.events().isEmpty() && env.live()) {
                requestCommit();
            }
        }
    }
}
