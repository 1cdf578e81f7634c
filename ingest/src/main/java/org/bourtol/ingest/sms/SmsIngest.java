package org.bourtol.ingest.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bourtol.contracts.directory.Reporter;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.ingest.place.Gazetteer;
import org.bourtol.ingest.publish.Outbox;
import org.bourtol.platform.kafka.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound SMS (already authenticated) to Kafka records and the reply text: replayed MessageSids get
 * their first reply; the sender becomes a pseudonym (looked up in the reporter directory, unknown
 * senders are unverified); over the per-sender rate the message is kept as rejected and a short reply
 * is given; otherwise the grammar decides. The reply is given only after the records are safe
 * ({@link Outbox}); concurrent retries of one MessageSid share the same processing.
 */
public final class SmsIngest {

    private static final Logger LOG = LoggerFactory.getLogger(SmsIngest.class);

    private final Vertx vertx;
    private final Supplier<Gazetteer> gazetteer;
    private final Pseudonyms pseudonyms;
    private final Function<String, Optional<Reporter>> reporterByPseudonym;
    private final RateLimiter limiter;
    private final SeenMessages seen;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, Future<String>> inFlight = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<org.bourtol.contracts.alert.Alert>> alertByCode = code -> Optional.empty();

    public SmsIngest(Vertx vertx, Supplier<Gazetteer> gazetteer, Pseudonyms pseudonyms, Function<String, Optional<Reporter>> reporterByPseudonym,
                     RateLimiter limiter, SeenMessages seen, Outbox outbox, Clock clock, MeterRegistry metrics) {
        this.vertx = vertx;
        this.gazetteer = gazetteer;
        this.pseudonyms = pseudonyms;
        this.reporterByPseudonym = reporterByPseudonym;
        this.limiter = limiter;
        this.seen = seen;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Where {@code FAIT}/{@code FAUX} replies find the alert a code names (active first, else the latest
     * resolved one); without it every code is unknown.
     */
    public SmsIngest withAlerts(Function<String, Optional<org.bourtol.contracts.alert.Alert>> byCode) {
        this.alertByCode = byCode;
        return this;
    }

    /** The reply for Twilio's form parameters ({@code MessageSid}, {@code From}, {@code Body}, …). */
    public Future<String> handle(Map<String, String> params) {
        String sid = params.getOrDefault("MessageSid", params.get("SmsSid"));
        if (sid == null || !sid.matches("[A-Za-z0-9_-]{1,64}")) {
            return Future.failedFuture(new IllegalArgumentException("MessageSid is missing or malformed"));
        }
        Instant now = clock.instant();
        Optional<String> earlier = seen.reply(sid, now);
        if (earlier.isPresent()) {
            LOG.info("sms replayed, not ingested again [sid: {}]", sid);
            return Future.succeededFuture(earlier.get());
        }
        Promise<String> promise = Promise.promise();
        Future<String> running = inFlight.putIfAbsent(sid, promise.future());
        if (running != null) {
            return running;
        }
        Future<String> result;
        try {
            result = process(sid, params, now);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            inFlight.remove(sid);
            promise.handle(ar);
        });
        return promise.future();
    }

    private Future<String> process(String sid, Map<String, String> params, Instant now) {
        String from = params.getOrDefault("From", "").trim();
        String body = params.getOrDefault("Body", "");
        String reporterId = pseudonyms.of(Phones.isE164(from) ? from : "unknown:" + from);
        Optional<Reporter> reporter = reporterByPseudonym.apply(reporterId);
        boolean verified = reporter.map(Reporter::verified).orElse(false);
        Language lang = Language.of(reporter.map(Reporter::language).orElse(null));
        List<Outgoing> records;
        String reply;
        String outcome;
        if (!limiter.allow(reporterId, now)) {
            reply = Replies.rateLimited(lang);
            outcome = "rate-limited";
            records = List.of(SmsRecords.rejected(sid, "rate-limited",
                    "more than the allowed SMS per hour from this sender; kept, not processed", reporterId, body, now));
        } else {
            SmsCommand command = new SmsParser(gazetteer.get()).parse(body, lang);
            if (AlertReplies.handles(command)) {
                AlertReplies.Result r = AlertReplies.handle(command, ReceiptCode.of(sid), sid, reporterId, verified, body, alertByCode, now);
                reply = r.reply();
                outcome = r.outcome();
                records = r.records();
            } else {
                reply = Replies.receipt(command, ReceiptCode.of(sid));
                outcome = command instanceof SmsCommand.Problem p ? p.code()
                        : command.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
                records = SmsRecords.of(command, sid, reporterId, verified, body, now);
            }
        }
        return outbox.deliver(records).compose(v -> vertx.executeBlocking(() -> {
            seen.remember(sid, reply, now);
            return reply;
        }, false)).map(v -> {
            boolean rejected = records.stream().anyMatch(r -> r.topic().equals(org.bourtol.contracts.topic.Topics.REJECTED.name()));
            if (rejected) {
                metrics.counter("bourtol.ingest.rejected", "reason", outcome).increment();
            } else {
                metrics.counter("bourtol.ingest.messages", "source", "sms").increment();
            }
            LOG.info("sms ingested [sid: {}, reporter: {}, verified: {}, outcome: {}]", sid, reporterId, verified, outcome);
            return reply;
        });
    }
}
