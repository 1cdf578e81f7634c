package org.bourtol.notifier.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.platform.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one SMS at most once per delivery id: the intent is recorded (and acknowledged by Kafka)
 * before Twilio is called, the answer after. Each attempt is one task on the {@link Lanes}; a transient
 * failure (429, 5xx, no answer) schedules the next attempt on a timer with {@link RetryPolicy}, so no
 * thread waits through a backoff. When an attempt may have reached Twilio without us knowing (no
 * answer, 5xx, a crash, a takeover), the next attempt is preceded by a reconciliation with Twilio's
 * message list for that number since the intent: only an outbound message with the same body counts
 * as ours. Permanent refusals are recorded failed with Twilio's error code and its text masked.
 */
public final class SmsDispatcher {

    /** Writes a delivery record durably (Kafka ack) and applies it to the ledger; throws when it cannot. */
    @FunctionalInterface
    public interface DeliveryLog {
        void record(Delivery delivery) throws Exception;
    }

    /** Where attempts run: now on a worker (by priority), or later on a timer. */
    public interface Lanes {
        void submit(int priority, Runnable task);

        /** Runs {@code task} via {@link #submit} after {@code delay}; {@code abandoned} runs instead if it is dropped. */
        void later(Duration delay, int priority, Runnable task, Runnable abandoned);
    }

    /** How a delivery ended for now: sent (Twilio has it), failed, or left open (no longer owner, or dropped). */
    public enum Outcome { SENT, FAILED, OPEN }

    private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);
    static final Duration RECONCILE_SKEW = Duration.ofMinutes(2);
    /** Twilio's direction of messages sent through the REST API. */
    public static final String OUTBOUND = "outbound-api";

    private final SmsGateway gateway;
    private final DeliveryLog log;
    private final Ledger ledger;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Lanes lanes;
    private final String provider;

    /** @param provider recorded on every delivery: {@code twilio}, or {@code local-sink} when SMS go to the local server */
    public SmsDispatcher(SmsGateway gateway, DeliveryLog log, Ledger ledger, RetryPolicy retry, Clock clock, Lanes lanes,
                         String provider) {
        this.gateway = gateway;
        this.log = log;
        this.ledger = ledger;
        this.retry = retry;
        this.clock = clock;
        this.lanes = lanes;
        this.provider = provider;
    }

    private record Job(Delivery intent, String phone, String body, int priority, BooleanSupplier owner,
            CompletableFuture<Outcome> done) {
    }

    /** A new delivery: intent first (nothing is sent if it cannot be recorded), then attempts. */
    public CompletableFuture<Outcome> send(String deliveryId, List<Ledger.Item> items, String recipientId, String phone, String body,
                                           int segments, int priority, BooleanSupplier owner) {
        List<String> alertIds = items.stream().map(Ledger.Item::alertId).toList();
        String steps = DeliveryStep.join(items.stream().map(Ledger.Item::step).toList());
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        lanes.submit(priority, () -> {
            Delivery intent = Delivery.intent(deliveryId, alertIds, steps, recipientId, Phones.mask(phone), segments, clock.instant(), provider);
            try {
                log.record(intent);
            } catch (Exception e) {
                done.completeExceptionally(e);
                return;
            }
            attempt(new Job(intent, phone, body, priority, owner, done), 1, false);
        });
        return done;
    }

    /** An intent found without outcome (crash or takeover): reconcile with Twilio, then send only if Twilio has nothing. */
    public CompletableFuture<Outcome> resume(Delivery intent, String phone, String body, int priority, BooleanSupplier owner) {
        LOG.info("resuming open delivery [delivery: {}, recipient: {}, attempt: {}]", intent.deliveryId(), intent.recipientId(),
                intent.attempt());
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Job job = new Job(intent.withProvider(provider), phone, body, priority, owner, done);
        lanes.submit(priority, () -> attempt(job, intent.attempt() + 1, true));
        return done;
    }

    private void attempt(Job j, int attempt, boolean ambiguous) {
        try {
            if (!j.owner().getAsBoolean()) {
                LOG.info("no longer owner, delivery left open [delivery: {}]", j.intent().deliveryId());
                j.done().complete(Outcome.OPEN);
                return;
            }
            if (ambiguous) {
                Optional<SmsGateway.SentMessage> found = reconcile(j.intent(), j.phone(), j.body());
                if (found.isPresent()) {
                    LOG.info("delivery found at Twilio, not resent [delivery: {}, sid: {}]", j.intent().deliveryId(), found.get().sid());
                    finish(j, Outcome.SENT, outcome(j.intent(), DeliveryStatus.SENT, found.get().sid(), null, "reconciled", attempt - 1));
                    return;
                }
            }
            SendResult result = gateway.send(j.phone(), j.body());
            if (result instanceof SendResult.Accepted a) {
                finish(j, Outcome.SENT, outcome(j.intent(), DeliveryStatus.SENT, a.sid(), null, null, attempt));
                return;
            }
            if (result instanceof SendResult.Rejected r) {
                LOG.warn("SMS refused [delivery: {}, status: {}, code: {}]", j.intent().deliveryId(), r.httpStatus(), r.errorCode());
                finish(j, Outcome.FAILED, outcome(j.intent(), DeliveryStatus.FAILED, null, r.errorCode(), r.message(), attempt));
                return;
            }
            SendResult.Retryable t = (SendResult.Retryable) result;
            if (attempt >= retry.maxAttempts()) {
                finish(j, Outcome.FAILED, outcome(j.intent(), DeliveryStatus.FAILED, null, t.errorCode() != null ? t.errorCode()
                        : "http-" + t.httpStatus(), "gave up after " + attempt + " attempts: " + t.message(), attempt));
                return;
            }
            Duration d = retry.delay(attempt, ThreadLocalRandom.current()::nextDouble);
            LOG.info("SMS attempt failed, retrying [delivery: {}, status: {}, attempt: {}, in: {} ms]", j.intent().deliveryId(),
                    t.httpStatus(), attempt, d.toMillis());
            lanes.later(d, j.priority(), () -> attempt(j, attempt + 1, t.ambiguous()), () -> j.done().complete(Outcome.OPEN));
        } catch (Exception e) {
            j.done().completeExceptionally(e);
        }
    }

    private void finish(Job j, Outcome outcome, Delivery record) throws Exception {
        log.record(record);
        j.done().complete(outcome);
    }

    /**
     * Ours only if Twilio lists an outbound message to that number, since the intent, with exactly our
     * body and a sid no other delivery holds. Anything else (a reply to the recipient's OK, another
     * message) is not taken for it: the SMS is sent again.
     */
    private Optional<SmsGateway.SentMessage> reconcile(Delivery intent, String phone, String body) {
        Instant at = ledger.intentAt(intent.deliveryId());
        Instant since = (at == null ? intent.at() : at).minus(RECONCILE_SKEW);
        return gateway.sentTo(phone, since).stream()
                .filter(m -> m.sid() != null && !ledger.knownSid(m.sid()) && phone.equals(m.to()) && body.equals(m.body())
                        && OUTBOUND.equals(m.direction()) && (m.sentAt() == null || !m.sentAt().isBefore(since)))
                .findFirst();
    }

    /** The outcome record; provider text is masked here, before it reaches Kafka (Twilio's 21211 names the number). */
    private Delivery outcome(Delivery intent, DeliveryStatus status, String sid, String code, String message, int attempt) {
        return intent.outcome(status, clock.instant(), sid, code, Phones.maskInText(message), attempt).withProvider(provider);
    }
}
