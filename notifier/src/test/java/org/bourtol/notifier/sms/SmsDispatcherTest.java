package org.bourtol.notifier.sms;

import static org.bourtol.notifier.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.platform.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

/** Intent before send, outcome after, retries with backoff, reconciliation before any resend — with a scripted gateway. */
class SmsDispatcherTest {

    static final String PHONE = "+22790000001";
    static final List<Ledger.Item> ITEMS = List.of(new Ledger.Item("a1", "alert-Severe", "r1"));

    final Ledger ledger = new Ledger();
    final List<Delivery> log = new ArrayList<>();
    final List<Duration> sleeps = new ArrayList<>();
    final Deque<SendResult> answers = new ArrayDeque<>();
    final List<SmsGateway.SentMessage> twilioHas = new ArrayList<>();
    int sends;

    final SmsGateway gateway = new SmsGateway() {
        @Override
        public SendResult send(String to, String body) {
            sends++;
            assertTrue(log.stream().anyMatch(Ledger::isIntent), "intent recorded before the call");
            return answers.isEmpty() ? new SendResult.Accepted("SM" + "0".repeat(31) + sends, "queued") : answers.poll();
        }

        @Override
        public List<SentMessage> sentTo(String to, Instant since) {
            return twilioHas.stream().filter(m -> m.to().equals(to)).toList();
        }

        @Override
        public String describe() {
            return "scripted";
        }
    };

    final SmsDispatcher dispatcher = new SmsDispatcher(gateway, d -> {
        log.add(d);
        ledger.apply(d);
    }, ledger, new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 6), Clock.fixed(T0, ZoneOffset.UTC), sleeps::add);

    @Test
    void acceptedFirstTime() throws Exception {
        dispatcher.send("a1/alert-Severe/r1", ITEMS, "r1", PHONE, "hello", 1, () -> true);
        assertEquals(List.of(DeliveryStatus.QUEUED, DeliveryStatus.SENT), log.stream().map(Delivery::status).toList());
        assertEquals("+227****0001", log.get(1).to());
        assertEquals(1, sends);
    }

    @Test
    void tooManyRequestsIsRetriedWithCappedBackoffWithoutReconciling() throws Exception {
        for (int i = 0; i < 4; i++) {
            answers.add(new SendResult.Retryable(429, "20429", "Too Many Requests", false));
        }
        dispatcher.send("d", ITEMS, "r1", PHONE, "hello", 1, () -> true);
        assertEquals(5, sends);
        assertEquals(5, log.get(log.size() - 1).attempt());
        assertEquals(4, sleeps.size());
        assertTrue(sleeps.get(0).toMillis() >= 50 && sleeps.get(0).toMillis() <= 100, sleeps.toString());
        assertTrue(sleeps.get(3).toMillis() >= 400 && sleeps.get(3).toMillis() <= 800, sleeps.toString());
    }

    @Test
    void ambiguousFailureIsReconciledAndNotResentWhenTwilioHasIt() throws Exception {
        answers.add(new SendResult.Retryable(0, null, "connection reset", true));
        twilioHas.add(new SmsGateway.SentMessage("SM" + "a".repeat(32), PHONE, "hello", T0));
        dispatcher.send("d", ITEMS, "r1", PHONE, "hello", 1, () -> true);
        assertEquals(1, sends);
        Delivery last = log.get(log.size() - 1);
        assertEquals(DeliveryStatus.SENT, last.status());
        assertEquals("SM" + "a".repeat(32), last.providerId());
        assertEquals("reconciled", last.errorMessage());
    }

    @Test
    void reconciliationIgnoresMessagesAlreadyInTheLedger() throws Exception {
        ledger.apply(new Delivery("older", List.of("a0"), "alert-Minor", "r1", "sms", DeliveryStatus.SENT, "x", "SM" + "b".repeat(32),
                null, null, 1, 1, T0.minusSeconds(30)));
        twilioHas.add(new SmsGateway.SentMessage("SM" + "b".repeat(32), PHONE, "older text", T0.minusSeconds(30)));
        answers.add(new SendResult.Retryable(503, "20503", "unavailable", true));
        dispatcher.send("d", ITEMS, "r1", PHONE, "hello", 1, () -> true);
        assertEquals(2, sends, "the known message is not taken for ours");
        assertNull(log.get(log.size() - 1).errorMessage());
    }

    @Test
    void permanentRefusalIsRecordedOnceWithTheCode() throws Exception {
        answers.add(new SendResult.Rejected(400, "21211", "Invalid 'To' Phone Number"));
        dispatcher.send("d", ITEMS, "r1", PHONE, "hello", 1, () -> true);
        assertEquals(1, sends);
        assertEquals(DeliveryStatus.FAILED, log.get(1).status());
        assertEquals("21211", log.get(1).errorCode());
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        for (int i = 0; i < 10; i++) {
            answers.add(new SendResult.Retryable(500, "20500", "boom", false));
        }
        dispatcher.send("d", ITEMS, "r1", PHONE, "hello", 1, () -> true);
        assertEquals(6, sends);
        assertEquals(DeliveryStatus.FAILED, log.get(log.size() - 1).status());
        assertEquals("20500", log.get(log.size() - 1).errorCode());
    }

    @Test
    void nothingIsSentWhenTheIntentCannotBeRecorded() {
        SmsDispatcher broken = new SmsDispatcher(gateway, d -> {
            throw new IllegalStateException("kafka down");
        }, ledger, RetryPolicy.DEFAULT, Clock.systemUTC(), d -> { });
        assertThrows(IllegalStateException.class, () -> broken.send("d", ITEMS, "r1", PHONE, "x", 1, () -> true));
        assertEquals(0, sends);
    }

    @Test
    void aResumedIntentIsReconciledFirst() throws Exception {
        Delivery intent = new Delivery("d", List.of("a1"), "alert-Severe", "r1", "sms", DeliveryStatus.QUEUED, "x", null, null, null, 1, 1, T0);
        ledger.apply(intent);
        log.add(intent);
        twilioHas.add(new SmsGateway.SentMessage("SM" + "c".repeat(32), PHONE, "hello", T0.plusSeconds(1)));
        dispatcher.resume(intent, PHONE, "hello", () -> true);
        assertEquals(0, sends);
        assertEquals(DeliveryStatus.SENT, log.get(log.size() - 1).status());
    }
}
