package org.bourtol.rules.engine;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that makes a processor throw is logged in one line (processor, topic, partition, offset,
 * reason), counted and skipped, instead of killing the stream thread, whose replacement would fail on
 * the same record forever and stop every rule. The input stays in its topic for inspection.
 */
public final class ProcessingFailureHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingFailureHandler.class);
    private static final AtomicLong SKIPPED = new AtomicLong();

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        SKIPPED.incrementAndGet();
        LOG.error("record skipped after a processing failure [processor: {}, topic: {}, partition: {}, offset: {}, key: {}]",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(), record.key(), exception);
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
