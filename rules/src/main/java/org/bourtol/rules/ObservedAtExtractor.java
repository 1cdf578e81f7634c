package org.bourtol.rules;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.bourtol.contracts.observation.Observation;

/** Event time is the observation's {@code observedAt}; anything else keeps the record timestamp. */
public final class ObservedAtExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Observation o) {
            return o.observedAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
