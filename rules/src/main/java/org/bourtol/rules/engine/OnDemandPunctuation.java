package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.function.LongPredicate;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A wall-clock punctuation that is scheduled only while it has work. Kafka Streams marks a task for commit after every
 * wall-clock punctuation that ran ({@code StreamTask.maybePunctuateSystemTime}), work or not, so a punctuation every
 * {@code rules.updateInterval} (100 ms) made an idle rules instance commit a transaction ten times a second, on every
 * task, around the clock. {@link #request} schedules it (when it is not already); each run does the work, and cancels
 * the punctuation when the work reports it found nothing to do. Work requested runs within one interval of the
 * request, as with a punctuation that never stops.
 */
public final class OnDemandPunctuation {

    private final ProcessorContext<?, ?> context;
    private final Duration interval;
    private final LongPredicate work;
    private Cancellable scheduled;

    /** @param work called with the wall-clock time at each run; false when it had nothing to do (the punctuation stops) */
    public OnDemandPunctuation(ProcessorContext<?, ?> context, Duration interval, LongPredicate work) {
        this.context = context;
        this.interval = interval;
        this.work = work;
    }

    /** Makes sure the work runs within one interval from now. */
    public void request() {
        if (scheduled == null) {
            scheduled = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::run);
        }
    }

    /** True while the punctuation is scheduled. */
    public boolean scheduled() {
        return scheduled != null;
    }

    private void run(long now) {
        if (!work.test(now) && scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }
}
