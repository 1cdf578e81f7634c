package org.bourtol.notifier.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.platform.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one SMS at most once per delivery id: the intent is recorded (and acknowledged by Kafka)
 * before Twilio is called, the answer after. Transient failures are retried with {@link RetryPolicy};
 * when an attempt may have reached Twilio without us knowing (no answer, 5xx, a crash, a takeover), the
 * next attempt is preceded by a reconciliation with Twilio's message list for that number since the
 * intent. Permanent refusals are recorded failed with Twilio's error code. Blocking: worker threads only.
 */
public final class SmsDispatcher {

    /** Writes a delivery record durably (Kafka ack) and applies it to the ledger; throws when it cannot. */
    @FunctionalInterface
    public interface DeliveryLog {
        void record(Delivery delivery) throws Exception;
    }

    /** Waits between attempts (injectable for tests). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);
    static final Duration RECONCILE_SKEW = Duration.ofMinutes(2);

    private final SmsGateway gateway;
    private final DeliveryLog log;
    private final Ledger ledger;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Sleeper sleeper;

    public SmsDispatcher(SmsGateway gateway, DeliveryLog log, Ledger ledger, RetryPolicy retry, Clock clock, Sleeper sleeper) {
        this.gateway = gateway;
        this.log = log;
        this.ledger = ledger;
        this.retry = retry;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A new delivery: intent first (nothing is sent if it cannot be recorded), then attempts. */
    public void send(String deliveryId, List<Ledger.Item> items, String recipientId, String phone, String body, int segments,
                     BooleanSupplier owner) throws Exception {
        List<String> alertIds = items.stream().map(Ledger.Item::alertId).toList();
        String steps = String.join(",", items.stream().map(Ledger.Item::step).toList());
        Delivery intent = new Delivery(deliveryId, alertIds, steps, recipientId, "sms", DeliveryStatus.QUEUED,
                Phones.mask(phone), null, null, null, segments, 1, clock.instant());
        log.record(intent);
        attempts(intent, phone, body, 1, false, owner);
    }

    /** An intent found without outcome (crash or takeover): reconcile with Twilio, then send only if Twilio has nothing. */
    public void resume(Delivery intent, String phone, String body, BooleanSupplier owner) throws Exception {
        LOG.info("resuming open delivery [delivery: {}, recipient: {}, attempt: {}]", intent.deliveryId(), intent.recipientId(),
                intent.attempt());
        attempts(intent, phone, body, intent.attempt() + 1, true, owner);
    }

    private void attempts(Delivery intent, String phone, String body, int first, boolean reconcileFirst, BooleanSupplier owner)
            throws Exception {
        boolean ambiguous = reconcileFirst;
        for (int attempt = first; ; attempt++) {
            if (!owner.getAsBoolean()) {
                LOG.info("no longer owner, delivery left open [delivery: {}]", intent.deliveryId());
                return;
            }
            if (ambiguous) {
                Optional<SmsGateway.SentMessage> found = reconcile(intent, phone, body);
                if (found.isPresent()) {
                    LOG.info("delivery found at Twilio, not resent [delivery: {}, sid: {}]", intent.deliveryId(), found.get().sid());
                    log.record(outcome(intent, DeliveryStatus.SENT, found.get().sid(), null, "reconciled", attempt - 1));
                    return;
                }
            }
            SendResult result = gateway.send(phone, body);
            if (result instanceof SendResult.Accepted a) {
                log.record(outcome(intent, DeliveryStatus.SENT, a.sid(), null, null, attempt));
                return;
            }
            if (result instanceof SendResult.Rejected r) {
                LOG.warn("SMS refused [delivery: {}, status: {}, code: {}]", intent.deliveryId(), r.httpStatus(), r.errorCode());
                log.record(outcome(intent, DeliveryStatus.FAILED, null, r.errorCode(), r.message(), attempt));
                return;
            }
            SendResult.Retryable t = (SendResult.Retryable) result;
            if (attempt >= retry.maxAttempts()) {
                log.record(outcome(intent, DeliveryStatus.FAILED, null, t.errorCode() != null ? t.errorCode()
                        : "http-" + t.httpStatus(), "gave up after " + attempt + " attempts: " + t.message(), attempt));
                return;
            }
            ambiguous = t.ambiguous();
            Duration d = retry.delay(attempt, ThreadLocalRandom.current()::nextDouble);
            LOG.info("SMS attempt failed, retrying [delivery: {}, status: {}, attempt: {}, in: {} ms]", intent.deliveryId(),
                    t.httpStatus(), attempt, d.toMillis());
            sleeper.sleep(d);
        }
    }

    private Optional<SmsGateway.SentMessage> reconcile(Delivery intent, String phone, String body) {
        Instant at = ledger.intentAt(intent.deliveryId());
        Instant since = (at == null ? intent.at() : at).minus(RECONCILE_SKEW);
        List<SmsGateway.SentMessage> unknown = gateway.sentTo(phone, since).stream()
                .filter(m -> m.sid() != null && !ledger.knownSid(m.sid()) && phone.equals(m.to())
                        && (m.sentAt() == null || !m.sentAt().isBefore(since)))
                .sorted(Comparator.comparing(SmsGateway.SentMessage::sentAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return unknown.stream().filter(m -> body.equals(m.body())).findFirst().or(() -> unknown.stream().findFirst());
    }

    private Delivery outcome(Delivery intent, DeliveryStatus status, String sid, String code, String message, int attempt) {
        return new Delivery(intent.deliveryId(), intent.alertIds(), intent.step(), intent.recipientId(), intent.channel(), status,
                intent.to(), sid, code, message, intent.segments(), attempt, clock.instant());
    }
}
