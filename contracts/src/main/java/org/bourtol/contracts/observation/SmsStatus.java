package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A Twilio delivery status callback ({@code POST /sms/status}), published on {@code bourtol.sms-status.v1} keyed by MessageSid. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SmsStatus(String messageSid, String status, String errorCode, Instant at) {

    public SmsStatus {
        Observation.require(messageSid != null && !messageSid.isBlank(), "MessageSid is missing");
        Observation.require(status != null && !status.isBlank(), "MessageStatus is missing");
        Observation.require(at != null, "at is missing");
    }
}
