package org.bourtol.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps one harmless broker message out of the user's terminal. With transactions v2 (KIP-890) the
 * embedded broker refuses a transactional producer's batch with sequence &gt; 0 on a partition where that
 * producer has no state yet (KAFKA-18202): when Kafka Streams starts a transaction over many changelog
 * partitions, its second batch can reach a partition before the first one is written. The broker answers
 * with a retriable {@code OUT_OF_ORDER_SEQUENCE_NUMBER}, the producer resends in order, nothing is lost
 * or duplicated — but {@code kafka.server.ReplicaManager} logs each refusal at ERROR with a stack trace.
 * Only that exact case is dropped; every other sequence error (a real gap) is still shown.
 */
public final class RetriedSequenceFilter extends Filter<ILoggingEvent> {

    static final String LOGGER = "kafka.server.ReplicaManager";
    static final String EXCEPTION = "org.apache.kafka.common.errors.OutOfOrderSequenceException";
    static final String MESSAGE = "for transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        boolean retried = t != null && LOGGER.equals(event.getLoggerName()) && EXCEPTION.equals(t.getClassName())
                && t.getMessage() != null && t.getMessage().contains(MESSAGE);
        return retried ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
