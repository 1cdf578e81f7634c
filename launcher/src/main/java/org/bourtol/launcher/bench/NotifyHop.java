package org.bourtol.launcher.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.NotifierComponent;
import org.bourtol.notifier.sms.TwilioGateway;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.rules.dataset.DefaultDataset;
import org.bourtol.simulator.publish.MqttSender;
import org.bourtol.simulator.truth.TopicTail;

/**
 * Alert → Twilio call and report → Twilio call on the embedded Bourtol, whose notifier sends to its local Twilio
 * sink, against the Twilio SDK calling the same sink directly. {@code recipients} bench recipients are registered
 * for every zone; each trial is one gauge station's fast rise (a reading 300 cm above the one before, published as a
 * gateway does), which raises one new flood alert and so one SMS per recipient. Latencies: from the alert event on
 * Kafka (or the MQTT publish of the reading) to the sink's first message of the trial; throughput: the trial's SMS per
 * second from the alert event to the last one. The bench's Bourtol runs with no grouping window
 * ({@code notifier.groupWindow} PT0S), which a real deployment adds (reported next to the figures).
 */
final class NotifyHop {

    private static final Duration TRIAL = Duration.ofSeconds(90);

    private final Target target;
    private final String excluded;
    private final int recipients;
    private final double backgroundRate;

    /**
     * @param backgroundRate quiet gauge readings per second published to {@code excludedStation} during the trials
     *                       (half the MQTT hop's saturation, so the trials run with ingest and rules at 50 % load);
     *                       0: trials on an otherwise idle Bourtol
     */
    NotifyHop(Target target, String excludedStation, int recipients, double backgroundRate) {
        this.target = target;
        this.excluded = excludedStation;
        this.recipients = recipients;
        this.backgroundRate = backgroundRate;
    }

    List<Hop> measure(Duration configuredGroupWindow, Duration configuredExtremeWindow) throws Exception {
        List<Zone> zones = DefaultDataset.zones();
        List<String> stations = zones.stream().filter(z -> z.kind() == ZoneKind.STATION && !z.id().equals(excluded)).map(Zone::id).toList();
        Set<String> phones = ConcurrentHashMap.newKeySet();
        register(zones.stream().map(Zone::id).toList(), phones, false);
        Thread.sleep(5000); // the notifier's recipient directory follows its topic
        Histogram toTwilio = new Histogram(3);
        Histogram endToEnd = new Histogram(3);
        AtomicLong alertSeen = new AtomicLong();
        AtomicLong firstSms = new AtomicLong();
        AtomicLong lastSms = new AtomicLong();
        AtomicInteger sms = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        double fanOutSeconds = 0;
        target.sink().onMessage(m -> {
            if (phones.contains(m.to())) {
                long now = System.nanoTime();
                firstSms.compareAndSet(0, now);
                lastSms.set(now);
                sms.incrementAndGet();
            }
        });
        String[] trialZone = new String[1];
        try (TopicTail<AlertEvent> alerts = new TopicTail<>(target.kafka(), Topics.ALERTS, s -> {
            if (trialZone[0] != null && trialZone[0].equals(s.value().alert().zone())) {
                alertSeen.compareAndSet(0, System.nanoTime());
            }
        });
                TopicTail<Observation> obs = new TopicTail<>(target.kafka(), Topics.OBSERVATIONS, s -> {});
                MqttSender pub = new MqttSender(target.mqttUrl(), target.gateway().user(), target.gateway().password(), MqttHop.INFLIGHT);
                Background background = new Background(backgroundRate)) {
            Instant now = Instant.now();
            for (String station : stations) {
                pub.publish(topic(station), "{\"levelCm\":200,\"observedAt\":\"" + now.minusSeconds(1800) + "\"}");
            }
            long deadline = System.nanoTime() + TRIAL.toNanos();
            while (obs.seen().stream().filter(s -> s.value() instanceof GaugeReading).count() < stations.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (String station : stations) {
                alertSeen.set(0);
                firstSms.set(0);
                sms.set(0);
                trialZone[0] = station;
                long t0 = System.nanoTime();
                pub.publish(topic(station), "{\"levelCm\":500,\"observedAt\":\"" + Instant.now() + "\"}");
                long end = System.nanoTime() + TRIAL.toNanos();
                while (sms.get() < recipients && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                if (firstSms.get() == 0 || alertSeen.get() == 0) {
                    continue; // no alert or no SMS for this station within the trial: counted as not arrived
                }
                delivered.incrementAndGet();
                endToEnd.recordValue((firstSms.get() - t0) / 1000);
                toTwilio.recordValue(Math.max(0, firstSms.get() - alertSeen.get()) / 1000);
                fanOutSeconds += (lastSms.get() - alertSeen.get()) / 1e9;
            }
        } finally {
            register(List.of(), phones, true);
        }
        int trials = stations.size();
        double fanOut = fanOutSeconds <= 0 ? 0 : (double) delivered.get() * recipients / fanOutSeconds;
        Figures toFirstSms = Figures.of("alert -> twilio call (notifier)", 0, trials, delivered.get(), 0, toTwilio);
        Figures fanOutFigures = new Figures(toFirstSms.path(), 0, trials * recipients, delivered.get() * recipients, fanOut, 0, 0, 0);
        Figures e2e = Figures.of("report -> twilio call (end to end)", 0, trials, delivered.get(), 0, endToEnd);
        Hop.Row baseline = sdkBaseline(trials * recipients);
        String load = backgroundRate > 0
                ? String.format(Locale.ROOT, "trials under load: %.0f quiet gauge readings/s published meanwhile (half the MQTT hop's saturation)",
                        backgroundRate)
                : "trials on an otherwise idle Bourtol (run the mqtt hop too to measure them at half its saturation)";
        String windows = String.format(Locale.ROOT, "grouping windows not counted (the bench runs with none): notifier.groupWindow %s"
                + " (Severe and below), Extreme window %s; a deployment adds them to these latencies", configuredGroupWindow, configuredExtremeWindow);
        return List.of(new Hop("alert → Twilio call (local Twilio sink)", List.of(baseline, new Hop.Row(fanOutFigures, toFirstSms)),
                List.of(recipients + " recipients, " + trials + " alerts one at a time (one per gauge station's fast rise); throughput ="
                        + " SMS per second of an alert's fan-out (latency columns unused), latency = alert event to its first SMS", load, windows)),
                new Hop("report → Twilio call (end to end, embedded)", List.of(baseline, new Hop.Row(null, e2e)),
                        List.of("a gauge reading published over MQTT to the first SMS of the alert it raises; " + trials
                                + " trials, one at a time", load, windows)));
    }

    /** The Twilio SDK (the notifier's own gateway class) calling the local sink directly: saturation, then half of it. */
    private Hop.Row sdkBaseline(int n) throws Exception {
        BourtolConfig.Twilio local = new BourtolConfig.Twilio(NotifierComponent.SINK_ACCOUNT, "local-sink", "+15005550006", null,
                target.sink().baseUrl());
        TwilioGateway gateway = TwilioGateway.fromConfig(local, null);
        Load sat = new Load("twilio sdk -> local sink (direct)", Math.max(n, 50));
        Figures s = sat.run(0, 1, Duration.ofSeconds(10), Duration.ofMinutes(2), seq -> {
            gateway.send("+15550001111", "bench " + seq);
            sat.arrived(seq);
        });
        Load paced = new Load("twilio sdk -> local sink (direct)", Math.max(n, 50));
        Figures p = paced.run(s.perSecond() / 2, 1, Duration.ofSeconds(10), Duration.ofMinutes(2), seq -> {
            gateway.send("+15550001111", "bench " + seq);
            paced.arrived(seq);
        });
        return new Hop.Row(s, p);
    }

    private void register(List<String> zones, Set<String> phones, boolean remove) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.kafka().producer("bourtol-bench-recipients"))) {
            for (int i = 0; i < recipients; i++) {
                String id = String.format(Locale.ROOT, "bench-recipient-%04d", i);
                String phone = String.format(Locale.ROOT, "+22791%06d", i);
                Recipient r = new Recipient(id, "Bench " + i, "drr-officer", phone, "fr", zones, List.of(Hazard.FLOOD), Severity.Minor,
                        List.of("sms"), null, null);
                phones.add(phone);
                producer.send(new ProducerRecord<>(Topics.RECIPIENTS.name(), id.getBytes(StandardCharsets.UTF_8),
                        remove ? null : Topics.RECIPIENTS.valueSerde().serializer().serialize(Topics.RECIPIENTS.name(), r)));
            }
            producer.flush();
        }
    }

    /** Quiet readings of the excluded station at a steady rate on their own connection, until closed. */
    private final class Background implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;

        Background(double rate) {
            thread = new Thread(() -> publish(rate), "bench-background-load");
            thread.setDaemon(true);
            if (rate > 0) {
                thread.start();
            }
        }

        private void publish(double rate) {
            long interval = (long) (1e9 / rate);
            try (MqttSender pub = new MqttSender(target.mqttUrl(), target.gateway().user(), target.gateway().password(), MqttHop.INFLIGHT)) {
                long next = System.nanoTime();
                Instant base = Instant.now();
                for (long seq = 0; !stop; seq++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += interval;
                    pub.publish(topic(excluded), "{\"levelCm\":" + Benchmarks.QUIET_LEVEL + ",\"observedAt\":\"" + base.plusMillis(seq) + "\"}");
                }
            } catch (Exception e) {
                if (!stop) {
                    throw new IllegalStateException("background load stopped", e);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(10_000);
        }
    }

    private String topic(String station) {
        return target.config().mqtt().prefix() + "/gauge/" + station;
    }

}
