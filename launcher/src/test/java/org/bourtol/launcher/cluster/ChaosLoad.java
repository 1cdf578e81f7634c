package org.bourtol.launcher.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.publish.SmsSender;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The chaos suite's input, in wall-clock time: river readings over MQTT (QoS 1; Niamey on a triangle
 * 480–640 cm that raises, escalates and resolves its alert every 12.8 s; Mopti steady below its level, above it
 * while a probe is on ({@link #moptiHigh});
 * five quiet stations filling the rate) and signed rain SMS from forty focal
 * numbers, both sent again until acknowledged (PUBACK, HTTP 200), as a gateway and Twilio do. Remembers
 * what was acknowledged: that is what must become exactly one observation each.
 */
final class ChaosLoad implements AutoCloseable {

    static final List<String> QUIET = List.of("koulikoro", "segou", "dire", "gao", "ansongo");
    private static final long TICK_MS = 200;
    /** Mopti's level while a probe is on: above its alert level of 650 cm. */
    static final int MOPTI_PROBE_CM = 700;

    private final String mqttUrl;
    private final String user;
    private final String password;
    private final int readingsPerTick;
    private final SmsSender sms;
    private final long smsEveryMs;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicBoolean moptiHigh = new AtomicBoolean();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> ackedAt = new ConcurrentHashMap<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final AtomicLong smsRefused = new AtomicLong();
    private final Map<String, Instant> last = new HashMap<>();
    private MqttConnectOptions options;
    private final Thread gauges = new Thread(this::gauges, "chaos-gauges");
    private final Thread rain = new Thread(this::rain, "chaos-sms");

    /** {@code readingsPerSecond} over MQTT (at least 10), {@code smsPerSecond} signed SMS (0: none). */
    ChaosLoad(String mqttUrl, String user, String password, int readingsPerSecond, SmsSender sms, int smsPerSecond) {
        this.mqttUrl = mqttUrl.replace("mqtt://", "tcp://");
        this.user = user;
        this.password = password;
        this.readingsPerTick = Math.max(2, (int) (readingsPerSecond * TICK_MS / 1000));
        this.sms = sms;
        this.smsEveryMs = smsPerSecond <= 0 ? 0 : 1000 / smsPerSecond;
    }

    ChaosLoad start() {
        gauges.start();
        if (smsEveryMs > 0) {
            rain.start();
        }
        return this;
    }

    /** A reading's identity on both sides: station and observation time. */
    static String key(String station, Instant at) {
        return station + "@" + at;
    }

    /** Mopti above its alert level ({@link #MOPTI_PROBE_CM}, a Severe alert) or back at 600 cm (resolved). */
    void moptiHigh(boolean high) {
        moptiHigh.set(high);
    }

    /** Niamey and Mopti end low (every alert resolves), then the load stops after a few more ticks. */
    void finish() throws InterruptedException {
        finishing.set(true);
        gauges.join(TimeUnit.MINUTES.toMillis(3));
        running.set(false);
        rain.join(TimeUnit.MINUTES.toMillis(1));
    }

    Set<String> acknowledged() {
        return Set.copyOf(acked);
    }

    /** When the broker's PUBACK of this reading ({@code station@time}) arrived; null if it never did. */
    Instant ackedAt(String reading) {
        return ackedAt.get(reading);
    }

    /** MessageSids Bourtol answered with 200. */
    Set<String> answeredSms() {
        return Set.copyOf(answered);
    }

    long smsRefused() {
        return smsRefused.get();
    }

    private void gauges() {
        try {
            MqttClient c = new MqttClient(mqttUrl, "chaos-gauges", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(200);
            o.setAutomaticReconnect(false); // Paho's own backoff grows to minutes: reconnect at once instead
            o.setConnectionTimeout(5);
            if (user != null) {
                o.setUserName(user);
                o.setPassword(password.toCharArray());
            }
            c.setTimeToWait(5000); // a publish caught in a reconnect throws instead of waiting forever: sent again
            options = o;
            connect(c, o);
            int finalTicks = 0;
            for (long tick = 0; finalTicks < 30; tick++) {
                long due = System.currentTimeMillis() + TICK_MS;
                boolean low = finishing.get();
                publish(c, "niamey", low ? 480 : niameyCm(tick));
                publish(c, "mopti", moptiHigh.get() && !low ? MOPTI_PROBE_CM : 600);
                for (int i = 0; i < readingsPerTick - 2; i++) {
                    publish(c, QUIET.get(i % QUIET.size()), 200 + ThreadLocalRandom.current().nextInt(50));
                }
                if (low) {
                    finalTicks++;
                }
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    TimeUnit.MILLISECONDS.sleep(wait); // the load's own pace
                }
            }
            c.disconnect();
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("gauge load stopped", e);
        }
    }

    private static void connect(MqttClient c, MqttConnectOptions o) throws InterruptedException {
        while (!c.isConnected()) {
            try {
                c.connect(o);
            } catch (MqttException e) {
                TimeUnit.MILLISECONDS.sleep(200); // the broker is (re)starting
            }
        }
    }

    /** 64 ticks a cycle: up to 640 cm (yellow 530, orange 580, red 620), back down under every level. */
    static int niameyCm(long tick) {
        int phase = (int) (tick % 64);
        return phase < 32 ? 480 + phase * 5 : 640 - (phase - 32) * 5;
    }

    private void publish(MqttClient c, String station, int cm) throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant prev = last.get(station);
        Instant at = prev != null && !now.isAfter(prev) ? prev.plusMillis(1) : now;
        last.put(station, at);
        MqttMessage m = new MqttMessage(("{\"levelCm\": " + cm + ", \"observedAt\": \"" + at + "\"}").getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        while (true) {
            try {
                c.publish("bourtol/v1/gauge/" + station, m);
                ackedAt.put(key(station, at), Instant.now());
                acked.add(key(station, at)); // publish() returns after the broker's PUBACK for QoS 1
                return;
            } catch (MqttException e) {
                connect(c, options); // the broker went away; the same reading is sent again
            }
        }
    }

    private void rain() {
        long n = 0;
        while (running.get()) {
            long due = System.currentTimeMillis() + smsEveryMs;
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            String from = String.format("+2237600%04d", n++ % 40);
            Emission.Sms s = new Emission.Sms(Instant.now(), sid, from, "PLUIE SEGOU " + (1 + n % 5), Emission.Expect.OBSERVATION);
            try {
                while (running.get()) {
                    try {
                        SmsSender.Result r = sms.send(s);
                        if (r.status() == 200) {
                            answered.add(sid);
                            break;
                        }
                        smsRefused.incrementAndGet();
                    } catch (java.io.IOException e) {
                        // Bourtol is down: Twilio retries the webhook with the same MessageSid
                    }
                    TimeUnit.MILLISECONDS.sleep(250);
                }
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    TimeUnit.MILLISECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        finishing.set(true);
        gauges.interrupt();
        rain.interrupt();
    }
}
