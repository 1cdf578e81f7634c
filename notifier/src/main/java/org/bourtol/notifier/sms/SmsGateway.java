package org.bourtol.notifier.sms;

import java.time.Instant;
import java.util.List;

/** A blocking SMS provider (Twilio through the SDK in production). Implementations are called on worker threads only. */
public interface SmsGateway {

    /** One attempt to submit an SMS. Never throws for provider answers: they are classified in the result. */
    SendResult send(String to, String body);

    /** Messages the provider has for this number since the instant (reconciliation before a resend). May throw. */
    List<SentMessage> sentTo(String to, Instant since);

    String describe();

    /** A message the provider lists; {@code direction} as Twilio spells it ({@code outbound-api} for ours). */
    record SentMessage(String sid, String to, String body, Instant sentAt, String direction) {
    }
}
