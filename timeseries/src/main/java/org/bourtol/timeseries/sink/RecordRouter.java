package org.bourtol.timeseries.sink;

import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.timeseries.schema.PipelineLatency;
import org.bourtol.timeseries.schema.PointMapper;
import org.influxdb.dto.Point;

/**
 * Decodes a record of one of the sink's topics with the topic's serde and emits its points
 * (measurement name, point): the record's own point and, for alerts and deliveries, a pipeline
 * latency point. Tombstones emit nothing; undecodable records throw.
 */
final class RecordRouter {

    private final PipelineLatency pipeline;

    RecordRouter(PipelineLatency pipeline) {
        this.pipeline = pipeline;
    }

    void route(ConsumerRecord<byte[], byte[]> r, BiConsumer<String, Point> out) {
        if (r.value() == null) {
            return;
        }
        String topic = r.topic();
        if (topic.equals(Topics.OBSERVATIONS.name())) {
            Observation o = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize(topic, r.value());
            Point p = PointMapper.observation(o);
            out.accept(PointMapper.measurement(o), p);
            pipeline.observation(o.id(), o.receivedAt());
        } else if (topic.equals(Topics.ALERTS.name())) {
            AlertEvent e = Topics.ALERTS.valueSerde().deserializer().deserialize(topic, r.value());
            out.accept(PointMapper.ALERT, PointMapper.alert(e));
            pipeline.alert(e).ifPresent(p -> out.accept(PointMapper.PIPELINE, p));
        } else if (topic.equals(Topics.DELIVERIES.name())) {
            Delivery d = Topics.DELIVERIES.valueSerde().deserializer().deserialize(topic, r.value());
            out.accept(PointMapper.DELIVERY, PointMapper.delivery(d));
            pipeline.delivery(d, r.timestamp()).ifPresent(p -> out.accept(PointMapper.PIPELINE, p));
        } else {
            throw new IllegalArgumentException("not a topic of the sink: " + topic);
        }
    }
}
