package org.bourtol.launcher.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.NotifierComponent;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.truth.TopicTail;

/**
 * Signed SMS webhook → observation (a form POST signed as Twilio signs it, from a keep-alive HTTP client, to the
 * observation read back from Kafka) against a bare Vert.x handler answering 200 to the same request from the same
 * client. Every message comes from its own number (the per-sender rate limit is not what is measured) and reports
 * a level below every warning level.
 */
final class SmsHop {

    static final int CLIENTS = 8;

    private final Target target;
    private final String text;

    SmsHop(Target target, String text) {
        this.target = target;
        this.text = text;
    }

    Hop measure(int n, int rounds, Jit jit, ThreadCpu cpu) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer bare = vertx.createHttpServer().requestHandler(req -> req.body().onComplete(b -> req.response()
                    .putHeader("Content-Type", "application/xml").end("<Response/>"))).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String bareBase = "http://127.0.0.1:" + bare.actualPort();
            return Hop.measure("signed SMS webhook → observation", n, rounds,
                    List.of((m, rate) -> bare(bareBase, m, rate), this::webhook),
                    List.of(CLIENTS + " client threads sharing one java.net.http client (keep-alive); the same signed form both ways;"
                            + " baseline latency is the 200 response, webhook latency is the observation read from Kafka"),
                    jit, cpu);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Figures bare(String base, int n, double rate) throws Exception {
        Load load = new Load("bare Vert.x handler 200", n);
        SmsSender sender = new SmsSender(base, base, target.twilioToken(), "+22370000000", NotifierComponent.SINK_ACCOUNT);
        int run = load.id();
        return load.run(rate, CLIENTS, Load.QUIET, Load.TIMEOUT, seq -> {
            SmsSender.Result r = sender.send(sms(run, seq));
            if (r.status() == 200) {
                load.arrived(seq);
            }
        });
    }

    private Figures webhook(int n, double rate) throws Exception {
        Load load = new Load("sms webhook -> observation (ingest)", n);
        String publicUrl = target.config().http().publicUrl() != null ? target.config().http().publicUrl() : target.httpBase();
        SmsSender sender = new SmsSender(target.httpBase(), publicUrl, target.twilioToken(), "+22370000000", NotifierComponent.SINK_ACCOUNT);
        int run = load.id();
        String prefix = "sms-" + sid(run, 0).substring(0, 10);
        try (TopicTail<Observation> tail = new TopicTail<>(target.kafka(), Topics.OBSERVATIONS, s -> {
            if (s.value().id().startsWith(prefix)) {
                load.arrived(Long.parseLong(s.value().id().substring(prefix.length()), 16));
            }
        })) {
            return load.run(rate, CLIENTS, Load.QUIET, Load.TIMEOUT, seq -> {
                SmsSender.Result r = sender.send(sms(run, seq));
                if (r.status() != 200) {
                    throw new IllegalStateException("webhook answered HTTP " + r.status() + ": " + r.reply());
                }
            });
        }
    }

    private Emission.Sms sms(int run, int seq) {
        return new Emission.Sms(Instant.now(), sid(run, seq), String.format(Locale.ROOT, "+2279%07d", (run % 90) * 100_000 + seq % 100_000),
                text, null);
    }

    /** A MessageSid of the Twilio form (SM + 32 hex digits) naming the run and the message. */
    static String sid(int run, int seq) {
        return String.format(Locale.ROOT, "SM%08x%024x", run, seq);
    }
}
