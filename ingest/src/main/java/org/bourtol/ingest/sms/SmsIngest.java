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
    private RateLimiter replyCap;
    private final SeenMessages seen;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, Future<String>> inFlight = new ConcurrentHashMap<>();
    /** Half-second waits for an alert code this instance does not know yet (see {@link #codeKnown}). */
    private static final int CODE_WAITS = 6;
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

    /**
     * Caps the replies of the whole account ({@code ingest.maxRepliesPerHour}, a limiter keyed by one
     * account-wide name): over the cap an SMS is still kept and processed, and answered with nothing, so a
     * flood from many numbers cannot make the replies' bill grow without bound. Without it, no cap.
     */
    public SmsIngest withReplyCap(RateLimiter accountReplies) {
        this.replyCap = accountReplies;
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
        RateLimiter.Verdict verdict = limiter.check(reporterId, now);
        if (verdict != RateLimiter.Verdict.ALLOW) {
            return finish(sid, reporterId, verified, now, new AlertReplies.Result(List.of(SmsRecords.rejected(sid, "rate-limited",
                    "more than the allowed SMS per hour from this sender; kept, not processed", reporterId, body, now)),
                    verdict == RateLimiter.Verdict.TELL ? Replies.rateLimited(lang) : "", "rate-limited"));
        }
        SmsCommand command = new SmsParser(gazetteer.get()).parse(body, lang);
        if (AlertReplies.handles(command)) {
            return codeKnown(AlertReplies.code(command), CODE_WAITS).compose(x -> finish(sid, reporterId, verified, now,
                    AlertReplies.handle(command, ReceiptCode.of(sid), sid, reporterId, body, alertByCode, now)));
        }
        String outcome = command instanceof SmsCommand.Problem p ? p.code()
                : command.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return finish(sid, reporterId, verified, now, new AlertReplies.Result(SmsRecords.of(command, sid, reporterId, verified, body, now),
                Replies.receipt(command, ReceiptCode.of(sid)), outcome));
    }

    /**
     * Completes once {@code code} names an alert, or after {@code waits} more half-second waits: the alert
     * an SMS answers is on the alerts topic before its SMS leaves, but this instance's reader may be a
     * moment behind.
     */
    private Future<Void> codeKnown(String code, int waits) {
        if (code == null || waits <= 0 || alertByCode.apply(code).isPresent()) {
            return Future.succeededFuture();
        }
        Promise<Void> later = Promise.promise();
        vertx.setTimer(500, t -> codeKnown(code, waits - 1).onComplete(later));
        return later.future();
    }

    private Future<String> finish(String sid, String reporterId, boolean verified, Instant now, AlertReplies.Result r) {
        List<Outgoing> records = r.records();
        String outcome = r.outcome();
        String reply = r.reply();
        if (reply != null && !reply.isEmpty() && replyCap != null && !replyCap.allow("account", now)) {
            metrics.counter("bourtol.ingest.replies.capped").increment();
            reply = "";
        }
        String answer = reply;
        return outbox.deliver(records).compose(v -> vertx.executeBlocking(() -> {
            seen.remember(sid, answer, now);
            return answer;
        }, false)).map(v -> {
            boolean rejected = records.stream().anyMatch(x -> x.topic().equals(org.bourtol.contracts.topic.Topics.REJECTED.name()));
            if (rejected) {
                metrics.counter("bourtol.ingest.rejected", "reason", outcome).increment();
            } else {
                metrics.counter("bourtol.ingest.messages", "source", "sms").increment();
            }
            LOG.info("sms ingested [sid: {}, reporter: {}, verified: {}, outcome: {}]", sid, reporterId, verified, outcome);
            return answer;
        });
    }
}
