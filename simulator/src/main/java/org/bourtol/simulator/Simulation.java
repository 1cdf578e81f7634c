package org.bourtol.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.simulator.publish.MqttSender;
import org.bourtol.simulator.publish.Player;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.Timeline;
import org.bourtol.simulator.truth.FaultAudit;
import org.bourtol.simulator.truth.GroupLag;
import org.bourtol.simulator.truth.Report;
import org.bourtol.simulator.truth.Scorer;
import org.bourtol.simulator.truth.TopicTail;
import org.bourtol.simulator.truth.TruthPublisher;

/**
 * Runs a timeline against a running Bourtol and scores it: follows the alert, observation, rejected
 * and delivery topics from their current end, plays the messages, waits until the pipeline settles
 * (every expected observation seen, the rules' consumer group caught up on them, and no new alert event or delivery
 * for five seconds, at most {@code settle}),
 * then compares with the ground truth. Counts include anything else flowing through the same topics
 * meanwhile, so run it against a Bourtol nobody else is feeding.
 */
public final class Simulation {

    /** Where and how to reach Bourtol. */
    public record Target(String mqttUrl, String mqttUsername, String mqttPassword, String httpBaseUrl, String publicUrl,
            String twilioAuthToken, String smsNumber, String accountSid, KafkaClients kafka, String rulesGroup) {
    }

    /** Messages sent but not yet ingested, or observations not yet read by the rules, before the replay waits. */
    static final int MAX_LAG = 1_000;

    private Simulation() {
    }

    public static Report run(Timeline timeline, Target target, double speed, Duration smsGap, Duration settle,
                             Consumer<Player.Status> progress, Consumer<AlertEvent> onAlert, Consumer<Delivery> onDelivery)
            throws Exception {
        try (TopicTail<AlertEvent> alerts = new TopicTail<>(target.kafka(), Topics.ALERTS, s -> onAlert.accept(s.value()));
                TopicTail<Observation> observations = new TopicTail<>(target.kafka(), Topics.OBSERVATIONS, s -> {});
                TopicTail<Rejected> rejected = new TopicTail<>(target.kafka(), Topics.REJECTED, s -> {});
                TopicTail<Delivery> deliveries = new TopicTail<>(target.kafka(), Topics.DELIVERIES, s -> onDelivery.accept(s.value()));
                GroupLag rulesLag = new GroupLag(target.kafka(), target.rulesGroup(), Topics.OBSERVATIONS.name());
                MqttSender mqtt = new MqttSender(target.mqttUrl(), target.mqttUsername(), target.mqttPassword(), Player.inflight())) {
            SmsSender sms = new SmsSender(target.httpBaseUrl(), target.publicUrl(), target.twilioAuthToken(), target.smsNumber(),
                    target.accountSid());
            long expected = timeline.emissions().stream().filter(e -> e.expect() == Emission.Expect.OBSERVATION).count();
            long sensors = timeline.emissions().stream()
                    .filter(e -> e instanceof Emission.Mqtt && e.expect() == Emission.Expect.OBSERVATION).count();
            Player.Played played = new Player(timeline, mqtt, sms, speed, smsGap, progress,
                    sent -> Math.max(sent - observations.count() - rejected.count(), rulesLag.lag()), MAX_LAG).play(() -> {
                        long until = System.nanoTime() + settle.toNanos();
                        while (System.nanoTime() < until && observations.seen().stream().map(s -> s.value().id()).distinct().count() < sensors) {
                            progress.accept(new Player.Status("ingesting", timeline.end(), observations.seen().size(), (int) sensors));
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    });
            long deadline = System.nanoTime() + settle.toNanos();
            int lastAlerts = -1;
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                int n = alerts.seen().size() + deliveries.seen().size();
                if (n != lastAlerts) {
                    lastAlerts = n;
                    quietSince = System.nanoTime();
                }
                long distinct = observations.seen().stream().map(s -> s.value().id()).distinct().count();
                // settled: every observation in, the rules have consumed them all (a loaded machine lags), then 5 s quiet
                if (distinct >= expected && rulesLag.lag() == 0 && System.nanoTime() - quietSince > 5_000_000_000L) {
                    break;
                }
                progress.accept(new Player.Status("settling", timeline.end(), (int) distinct, (int) expected));
                Thread.sleep(250);
            }
            List<TopicTail.Seen<Observation>> obs = observations.seen();
            List<Rejected> rejectedSeen = rejected.seen().stream().map(TopicTail.Seen::value).toList();
            Report.Messages messages = new Report.Messages(played.mqttSent(), played.mqttAcked(), played.smsSent(), played.smsReceipts(),
                    played.smsProblemReplies(), played.smsUnexpected(), played.smsHttpErrors(), expected, obs.size(),
                    obs.stream().map(s -> s.value().id()).distinct().count(),
                    timeline.emissions().stream().filter(e -> e.expect() == Emission.Expect.DUPLICATE).count(),
                    timeline.emissions().stream().filter(e -> e.expect() == Emission.Expect.REJECTED).count(), rejectedSeen.size(),
                    timeline.emissions().stream().filter(e -> e.expect() == Emission.Expect.REJECTED)
                            .collect(Collectors.groupingBy(e -> e instanceof Emission.Sms ? "SMS" : "MQTT", TreeMap::new, Collectors.counting())),
                    rejectedSeen.stream().collect(Collectors.groupingBy(r -> r.source().name(), TreeMap::new, Collectors.counting())));
            int smsOut = (int) deliveries.seen().stream().map(TopicTail.Seen::value)
                    .filter(d -> d.status() == DeliveryStatus.SENT || d.status() == DeliveryStatus.DELIVERED)
                    .map(Delivery::deliveryId).distinct().count();
            Report report = Scorer.score(timeline, played.sentAt(), alerts.seen(), messages, smsOut, played.wall());
            // the backtest scores alerts against the season's ground truth: keep it next to the alerts
            try {
                TruthPublisher.publish(target.kafka(), timeline, played.sentAt());
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Simulation.class).warn("ground truth not published on {}: a backtest of this season"
                        + " will have no ground truth [reason: {}]", Topics.GROUND_TRUTH.name(), e.toString());
            }
            return report.withFaults(FaultAudit.audit(timeline, played.acked(), obs.stream().map(TopicTail.Seen::value).toList(),
                    rejectedSeen, report.missed(), report.falseAlerts().size()));
        }
    }

    /** Wall time now, for callers that print it. */
    public static Instant now() {
        return Instant.now();
    }
}
