package org.bourtol.notifier.sms;

import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.intent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.platform.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

/** Intent before send, outcome after, retries with backoff, reconciliation before any resend — with a scripted gateway. */
class SmsDispatcherTest {

    static final String PHONE = "+22790000001";
    static final List<Ledger.Item> ITEMS = List.of(new Ledger.Item("a1", DeliveryStep.parse("alert-Severe"), "r1"));

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

    /** Lanes that run each attempt inline and hand each retry, with the delay the timer would wait, to {@code retry}. */
    static SmsDispatcher.Lanes lanes(BiConsumer<Duration, Runnable> retry) {
        return new SmsDispatcher.Lanes() {
            @Override
            public void submit(int priority, Runnable task) {
                task.run();
            }

            @Override
            public void later(Duration delay, int priority, Runnable task, Runnable abandoned) {
                retry.accept(delay, task);
            }
        };
    }

    /** Runs attempts inline and retries at once, recording the backoff the timer would have waited. */
    final SmsDispatcher.Lanes inline = lanes((delay, task) -> {
        sleeps.add(delay);
        task.run();
    });

    /** A dispatcher whose records go to {@link #log} and the ledger, at a fixed clock. */
    SmsDispatcher recording(RetryPolicy policy, SmsDispatcher.Lanes lanes, String provider) {
        return new SmsDispatcher(gateway, d -> {
            log.add(d);
            ledger.apply(d);
        }, ledger, policy, Clock.fixed(T0, ZoneOffset.UTC), lanes, provider);
    }

    final SmsDispatcher dispatcher = recording(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 6), inline, Delivery.TWILIO);

    /** Scripts the gateway's next {@code times} answers (then it accepts). */
    void answer(int times, SendResult result) {
        answers.addAll(Collections.nCopies(times, result));
    }

    SmsDispatcher.Outcome send(String deliveryId, String body) throws Exception {
        return dispatcher.send(deliveryId, ITEMS, "r1", PHONE, body, 1, SendQueue.NORMAL, () -> true).get();
    }

    @Test
    void acceptedFirstTime() throws Exception {
        send("a1/alert-Severe/r1", "hello");
        assertEquals(List.of(DeliveryStatus.QUEUED, DeliveryStatus.SENT), log.stream().map(Delivery::status).toList());
        assertEquals("+227****0001", log.get(1).to());
        assertEquals(1, sends);
    }

    @Test
    void tooManyRequestsIsRetriedWithCappedBackoffWithoutReconciling() throws Exception {
        answer(4, new SendResult.Retryable(429, "20429", "Too Many Requests", false));
        send("d", "hello");
        assertEquals(5, sends);
        assertEquals(5, log.get(log.size() - 1).attempt());
        assertEquals(4, sleeps.size());
        assertTrue(sleeps.get(0).toMillis() >= 50 && sleeps.get(0).toMillis() <= 100, sleeps.toString());
        assertTrue(sleeps.get(3).toMillis() >= 400 && sleeps.get(3).toMillis() <= 800, sleeps.toString());
    }

    @Test
    void ambiguousFailureIsReconciledAndNotResentWhenTwilioHasIt() throws Exception {
        answers.add(new SendResult.Retryable(0, null, "connection reset", true));
        twilioHas.add(new SmsGateway.SentMessage("SM" + "a".repeat(32), PHONE, "hello", T0, SmsDispatcher.OUTBOUND));
        send("d", "hello");
        assertEquals(1, sends);
        Delivery last = log.get(log.size() - 1);
        assertEquals(DeliveryStatus.SENT, last.status());
        assertEquals("SM" + "a".repeat(32), last.providerId());
        assertEquals("reconciled", last.errorMessage());
    }

    @Test
    void reconciliationIgnoresMessagesAlreadyInTheLedger() throws Exception {
        ledger.apply(intent("older", List.of("a0"), "alert-Minor", "r1", T0.minusSeconds(30))
                .outcome(DeliveryStatus.SENT, T0.minusSeconds(30), "SM" + "b".repeat(32), null, null, 1));
        twilioHas.add(new SmsGateway.SentMessage("SM" + "b".repeat(32), PHONE, "older text", T0.minusSeconds(30), SmsDispatcher.OUTBOUND));
        answers.add(new SendResult.Retryable(503, "20503", "unavailable", true));
        send("d", "hello");
        assertEquals(2, sends, "the known message is not taken for ours");
        assertNull(log.get(log.size() - 1).errorMessage());
    }

    @Test
    void permanentRefusalIsRecordedOnceWithTheCode() throws Exception {
        answers.add(new SendResult.Rejected(400, "21211", "The 'To' number +22790000001 is not a valid phone number."));
        assertEquals(SmsDispatcher.Outcome.FAILED, send("d", "hello"));
        assertEquals(1, sends);
        assertEquals(DeliveryStatus.FAILED, log.get(1).status());
        assertEquals("21211", log.get(1).errorCode());
        assertEquals("The 'To' number +227****0001 is not a valid phone number.", log.get(1).errorMessage(),
                "Twilio's text names the number: masked before it goes on the deliveries topic");
    }

    @Test
    void reconciliationTakesOnlyAnOutboundMessageWithTheSameBody() throws Exception {
        answers.add(new SendResult.Retryable(500, "20500", "boom", true));
        // Bourtol's reply to the recipient's OK, and the recipient's own SMS with the same words: neither is the alert
        twilioHas.add(new SmsGateway.SentMessage("SM" + "d".repeat(32), PHONE, "Merci, alerte K7P confirmee", T0, SmsDispatcher.OUTBOUND));
        twilioHas.add(new SmsGateway.SentMessage("SM" + "e".repeat(32), PHONE, "hello", T0, "inbound"));
        assertEquals(SmsDispatcher.Outcome.SENT, send("d", "hello"));
        assertEquals(2, sends, "nothing matched on body and direction: the SMS is sent again");
        assertNull(log.get(log.size() - 1).errorMessage(), "not reconciled");
        assertTrue(log.stream().noneMatch(d -> ("SM" + "d".repeat(32)).equals(d.providerId())));
    }

    @Test
    void aRetryIsScheduledNotSleptAndEveryRecordNamesTheProvider() throws Exception {
        List<Runnable> timer = new ArrayList<>();
        SmsDispatcher local = recording(RetryPolicy.DEFAULT, lanes((delay, task) -> timer.add(task)), Delivery.LOCAL_SINK);
        answers.add(new SendResult.Retryable(429, "20429", "Too Many Requests", false));
        CompletableFuture<SmsDispatcher.Outcome> f = local.send("d", ITEMS, "r1", PHONE, "hello", 1, SendQueue.NORMAL, () -> true);
        assertFalse(f.isDone(), "the caller is not held while the retry waits");
        assertEquals(1, timer.size());
        timer.get(0).run();
        assertEquals(SmsDispatcher.Outcome.SENT, f.get());
        assertTrue(log.stream().allMatch(Delivery::localSink), "deliveries to the local sink are marked so");
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        answer(10, new SendResult.Retryable(500, "20500", "boom", false));
        send("d", "hello");
        assertEquals(6, sends);
        assertEquals(DeliveryStatus.FAILED, log.get(log.size() - 1).status());
        assertEquals("20500", log.get(log.size() - 1).errorCode());
    }

    @Test
    void nothingIsSentWhenTheIntentCannotBeRecorded() {
        SmsDispatcher broken = new SmsDispatcher(gateway, d -> {
            throw new IllegalStateException("kafka down");
        }, ledger, RetryPolicy.DEFAULT, Clock.systemUTC(), inline, Delivery.TWILIO);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> broken.send("d", ITEMS, "r1", PHONE, "x", 1, SendQueue.NORMAL, () -> true).get());
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertEquals(0, sends);
    }

    @Test
    void aResumedIntentIsReconciledFirst() throws Exception {
        Delivery intent = intent("d", List.of("a1"), "alert-Severe", "r1", T0);
        ledger.apply(intent);
        log.add(intent);
        twilioHas.add(new SmsGateway.SentMessage("SM" + "c".repeat(32), PHONE, "hello", T0.plusSeconds(1), SmsDispatcher.OUTBOUND));
        dispatcher.resume(intent, PHONE, "hello", SendQueue.NORMAL, () -> true).get();
        assertEquals(0, sends);
        assertEquals(DeliveryStatus.SENT, log.get(log.size() - 1).status());
    }
}
