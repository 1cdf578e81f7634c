package org.bourtol.simulator.truth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.outcome.GroundTruth;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.GroundTruthEvent;
import org.bourtol.simulator.scenario.Timeline;

/**
 * Publishes a played scenario's ground truth on {@code bourtol.groundtruth.v1} (kept forever) so that a
 * backtest of the season can score alerts against it. A risk begun by a sensor reading starts at its
 * simulated time; one begun by an SMS at the wall time the SMS was sent (the demo sends SMS in real time),
 * and is left out when that SMS was not sent.
 */
public final class TruthPublisher {

    private TruthPublisher() {
    }

    /** The ground truth as published, given when each emission was sent ({@code sentAt}, by emission index). */
    public static List<GroundTruth> published(Timeline t, Instant[] sentAt) {
        List<GroundTruth> out = new ArrayList<>();
        for (GroundTruthEvent e : t.truth()) {
            boolean live = t.emissions().get(e.trigger()) instanceof Emission.Sms;
            Instant start = live ? (sentAt != null && e.trigger() < sentAt.length ? sentAt[e.trigger()] : null) : e.start();
            if (start != null) {
                out.add(e.published(t.name(), t.seed(), start, live));
            }
        }
        return out;
    }

    /** Publishes {@link #published} and waits until Kafka has them all; returns how many. */
    public static int publish(KafkaClients kafka, Timeline t, Instant[] sentAt) throws Exception {
        List<GroundTruth> truth = published(t, sentAt);
        try (Publisher publisher = new Publisher(kafka, "bourtol-simulator-truth")) {
            for (GroundTruth g : truth) {
                publisher.publish(Topics.GROUND_TRUTH, g.key(), g).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        return truth.size();
    }
}
