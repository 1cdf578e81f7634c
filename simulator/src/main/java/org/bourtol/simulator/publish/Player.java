package org.bourtol.simulator.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a timeline against Bourtol: sensor messages over MQTT on the compressed clock (simulated
 * second {@code s} is sent at wall time {@code s / speed}; {@code speed <= 0} sends as fast as the
 * broker acknowledges), then the focal points' SMS live, one every {@code smsGap}. Records the wall
 * time each message was sent, for the detection delays.
 */
public final class Player {

    private static final Logger LOG = LoggerFactory.getLogger(Player.class);

    /** Live status for a progress line. */
    public record Status(String phase, Instant simTime, int sent, int total) {
    }

    /**
     * What was sent and how Bourtol answered. {@code acked[i]} is true when the broker acknowledged
     * emission {@code i} (an MQTT message) with its PUBACK.
     */
    public record Played(Instant[] sentAt, boolean[] acked, int mqttSent, long mqttAcked, long mqttFailed, int smsSent, int smsReceipts,
            int smsProblemReplies, int smsUnexpected, int smsHttpErrors, Duration wall) {
    }

    private static final int INFLIGHT = 200;
    private final Timeline timeline;
    private final MqttSender mqtt;
    private final SmsSender sms;
    private final double speed;
    private final Duration smsGap;
    private final Consumer<Status> progress;
    private final java.util.function.LongUnaryOperator backlog;
    private final int maxLag;

    public Player(Timeline timeline, MqttSender mqtt, SmsSender sms, double speed, Duration smsGap, Consumer<Status> progress) {
        this(timeline, mqtt, sms, speed, smsGap, progress, sent -> 0, Integer.MAX_VALUE);
    }

    /**
     * @param backlog  messages sent so far → how many Bourtol has not processed yet
     * @param maxLag   the largest backlog: past it the replay waits, so that the clock of the replay and
     *                 the alerts on the console stay together (back-pressure)
     */
    public Player(Timeline timeline, MqttSender mqtt, SmsSender sms, double speed, Duration smsGap, Consumer<Status> progress,
                  java.util.function.LongUnaryOperator backlog, int maxLag) {
        this.timeline = timeline;
        this.mqtt = mqtt;
        this.sms = sms;
        this.speed = speed;
        this.smsGap = smsGap;
        this.progress = progress;
        this.backlog = backlog;
        this.maxLag = maxLag;
    }

    public static int inflight() {
        return INFLIGHT;
    }

    public Played play() throws InterruptedException {
        return play(() -> {});
    }

    /**
     * Plays the season, then runs {@code beforeLive} (the caller waits there until Bourtol has taken in
     * every sensor message, so that no live SMS overtakes a lagging season reading), then the SMS.
     */
    public Played play(Runnable beforeLive) throws InterruptedException {
        var emissions = timeline.emissions();
        Instant[] sentAt = new Instant[emissions.size()];
        java.util.concurrent.atomic.AtomicIntegerArray acks = new java.util.concurrent.atomic.AtomicIntegerArray(emissions.size());
        long t0 = System.nanoTime();
        long lastReport = 0;
        int mqttSent = 0;
        int total = emissions.size();
        int done = 0;
        for (int i = 0; i < emissions.size(); i++) {
            if (!(emissions.get(i) instanceof Emission.Mqtt m)) {
                continue;
            }
            while (backlog.applyAsLong(mqttSent) > maxLag) {
                Thread.sleep(2);
                t0 += 2_000_000L;
            }
            if (speed > 0) {
                long due = t0 + (long) (Duration.between(timeline.start(), m.at()).toNanos() / speed);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            int index = i;
            mqtt.publish(m.topic(), m.payload(), () -> acks.set(index, 1));
            sentAt[i] = Instant.now();
            mqttSent++;
            done++;
            if (System.nanoTime() - lastReport > 200_000_000L) {
                lastReport = System.nanoTime();
                progress.accept(new Status("season", m.at(), done, total));
            }
        }
        if (!mqtt.drain(INFLIGHT, 30_000)) {
            LOG.warn("mqtt messages still unacknowledged after 30 s [inflight: {}]", INFLIGHT);
        }
        beforeLive.run();
        int smsSent = 0;
        int receipts = 0;
        int problems = 0;
        int unexpected = 0;
        int httpErrors = 0;
        for (int i = 0; i < emissions.size(); i++) {
            if (!(emissions.get(i) instanceof Emission.Sms s)) {
                continue;
            }
            sentAt[i] = Instant.now();
            try {
                SmsSender.Result r = sms.send(s);
                smsSent++;
                if (r.status() != 200) {
                    httpErrors++;
                    LOG.warn("sms webhook answered {} [sid: {}]", r.status(), s.messageSid());
                } else if (r.receipt()) {
                    receipts++;
                    unexpected += s.expect() == Emission.Expect.REJECTED ? 1 : 0;
                } else {
                    problems++;
                    unexpected += s.expect() == Emission.Expect.REJECTED ? 0 : 1;
                }
            } catch (java.io.IOException e) {
                httpErrors++;
                LOG.warn("sms webhook failed [sid: {}, error: {}]", s.messageSid(), e.toString());
            }
            done++;
            progress.accept(new Status("live sms", timeline.end(), done, total));
            Thread.sleep(smsGap.toMillis());
        }
        boolean[] acked = new boolean[emissions.size()];
        for (int i = 0; i < acked.length; i++) {
            acked[i] = acks.get(i) == 1;
        }
        return new Played(sentAt, acked, mqttSent, mqtt.acked(), mqtt.failed(), smsSent, receipts, problems, unexpected, httpErrors,
                Duration.ofNanos(System.nanoTime() - t0));
    }
}
