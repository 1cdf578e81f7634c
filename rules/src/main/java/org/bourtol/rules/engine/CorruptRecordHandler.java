package org.bourtol.rules.engine;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs an unreadable record in one line (topic, partition, offset, reason), counts it and continues. */
public final class CorruptRecordHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CorruptRecordHandler.class);
    private static final AtomicLong SKIPPED = new AtomicLong();

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        SKIPPED.incrementAndGet();
        LOG.warn("unreadable record skipped [topic: {}, partition: {}, offset: {}, reason: {}]", record.topic(),
                record.partition(), record.offset(), exception.getMessage());
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    /** Records skipped in this JVM since start. */
    public static long skipped() {
        return SKIPPED.get();
    }
}
