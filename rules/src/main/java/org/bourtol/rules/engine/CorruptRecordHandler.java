package org.bourtol.rules.engine;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Logs an unreadable record (topic, partition, offset, reason), counts it and continues. */
public final class CorruptRecordHandler extends LogAndContinueExceptionHandler {

    private static final AtomicLong SKIPPED = new AtomicLong();

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        SKIPPED.incrementAndGet();
        return super.handleError(context, record, exception);
    }

    /** Records skipped in this JVM since start. */
    public static long skipped() {
        return SKIPPED.get();
    }
}
