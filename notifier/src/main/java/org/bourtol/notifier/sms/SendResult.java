package org.bourtol.notifier.sms;

/** The classified answer to one send attempt. */
public sealed interface SendResult {

    /** The provider took the message ({@code sid} is Twilio's SM… id). */
    record Accepted(String sid, String status) implements SendResult {
    }

    /** A permanent refusal (4xx other than 429): recorded as failed with the provider's error code, never retried. */
    record Rejected(int httpStatus, String errorCode, String message) implements SendResult {
    }

    /**
     * A transient failure (429, 5xx, connection): retried with backoff. {@code ambiguous} means the
     * provider may have accepted the message anyway (no answer, or a 5xx), so the next attempt is
     * preceded by a reconciliation with the provider's message list.
     */
    record Retryable(int httpStatus, String errorCode, String message, boolean ambiguous) implements SendResult {
    }
}
