package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Work a processor does while its task prepares a commit: the held firings and held alert updates leave in the
 * transaction that is about to commit. Sent from a punctuation of their own instead, they waited for the next commit
 * after it, up to another commit interval (the two clocks run independently), and a reading crosses two such holds on
 * its way to an alert (the family's, then the lifecycle's).
 * <p>
 * How: the processor's {@link WriteBehindStore}s run the work when Kafka Streams flushes them in
 * {@code StreamTask.prepareCommit}, before any of them writes down its values and before the producer is flushed and
 * the transaction committed; records forwarded then go out in that transaction, as Kafka Streams' own caching stores
 * forward theirs ({@code TimestampedCacheFlushListener}: the processor's node made current, restored after). The work
 * runs at each of the processor's stores' flush, with the task's wall-clock time of the commit
 * ({@code currentSystemTimeMs}, which does not move during one commit): work that sends only what is due at that time
 * finds nothing more to send at the second store, so nothing is written to a store already written down. A task is
 * prepared for commit only when it processed or punctuated since its last commit, so an idle processor with work
 * waiting keeps a punctuation scheduled ({@link OnDemandPunctuation}) that does nothing but keep its task committing.
 * Internal Kafka Streams API (4.3: {@link InternalProcessorContext}, {@link WrappedStateStore}); under a context that
 * is not Kafka Streams' own (a {@code MockProcessorContext}) nothing is registered and the processor sends from its
 * punctuation as before. {@code HotAlertUpdatesTest} checks it through Kafka Streams' test driver (a real
 * {@code StreamTask}, whose commits go through the same {@code prepareCommit}), {@code RulesComponentIT} on a real broker
 * (held updates, across a restart); run both on every Kafka Streams upgrade.
 */
public final class BeforeCommit {

    /** The rules' Streams commit interval ({@code commit.interval.ms}). */
    public static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    private BeforeCommit() {
    }

    /**
     * Has {@code work} run with the commit's wall-clock time each time the task prepares a commit, before the named
     * {@link WriteBehindStore}s (the processor's, from {@code init}) write down. False when it cannot be (not Kafka
     * Streams' context, or a store without a write-behind layer): the processor must then send from its punctuation.
     */
    public static boolean register(ProcessorContext<?, ?> context, LongConsumer work, Iterable<String> storeNames) {
        if (!(context instanceof InternalProcessorContext<?, ?> internal) || internal.currentNode() == null) {
            return false;
        }
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        Runnable hook = () -> {
            ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
            ProcessorRecordContext previous = internal.recordContext();
            long now = internal.currentSystemTimeMs();
            // as for a punctuation: no input record; the records forwarded carry their own timestamps
            internal.setRecordContext(new ProcessorRecordContext(now, -1L, -1, null, new RecordHeaders()));
            internal.setCurrentNode(node);
            try {
                work.accept(now);
            } finally {
                internal.setCurrentNode(previousNode);
                internal.setRecordContext(previous);
            }
        };
        List<WriteBehindStore<?, ?>> stores = new ArrayList<>();
        for (String name : storeNames) {
            WriteBehindStore<?, ?> store = writeBehind(context.getStateStore(name));
            if (store == null) {
                return false;
            }
            stores.add(store);
        }
        stores.forEach(s -> s.beforeWriteDown(hook));
        return !stores.isEmpty();
    }

    /**
     * How much earlier than {@code interval} after the last one a held update may go at a commit: the commit's time is
     * the task's last record's or punctuation's, a little behind the clock. A quarter of the interval or of the
     * commit interval, whichever is less.
     */
    public static long earlyMs(Duration interval) {
        return Math.min(interval.toMillis(), COMMIT_INTERVAL.toMillis()) / 4;
    }

    /**
     * How often a processor with work waiting punctuates to keep its task committing (the work goes at the first commit
     * at which it is due): a quarter of {@code interval}, at least a millisecond. Its punctuation does no work itself.
     */
    private static Duration nudge(Duration interval) {
        return interval.dividedBy(4).compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : interval.dividedBy(4);
    }

    /**
     * The punctuation that sends a processor's held work: with commits to join ({@code atCommit}, {@link #register}
     * succeeded), one every {@link #nudge} of {@code interval} that sends nothing and runs while {@code waiting} (the work
     * goes at the commits); without, one every {@code interval} that sends it all ({@code sendAll}: false when nothing
     * waited). Scheduled on {@link OnDemandPunctuation#request}.
     */
    public static OnDemandPunctuation sender(ProcessorContext<?, ?> context, Duration interval, boolean atCommit,
                                             BooleanSupplier waiting, LongPredicate sendAll) {
        return atCommit ? new OnDemandPunctuation(context, nudge(interval), now -> waiting.getAsBoolean())
                : new OnDemandPunctuation(context, interval, sendAll);
    }

    /** The write-behind layer under Kafka Streams' decorators, or null. */
    private static WriteBehindStore<?, ?> writeBehind(StateStore store) {
        StateStore s = store;
        while (!(s instanceof WriteBehindStore<?, ?>) && s instanceof WrappedStateStore<?, ?, ?> w) {
            s = w.wrapped();
        }
        return s instanceof WriteBehindStore<?, ?> wb ? wb : null;
    }
}
