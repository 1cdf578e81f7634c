package org.bourtol.contracts.alert;

/**
 * Lifecycle steps of an alert. RAISED, UPDATED, RESOLVED and ACKNOWLEDGED come from the rules and
 * carry a sequence number; ESCALATED (the notifier), OUTCOME (the API) and UNVERIFIED_ACK (an
 * {@code OK <code>} from a number that was not sent the alert, recorded by the notifier) carry
 * {@code seq -1} and never change the lifecycle state (see {@link AlertStates}).
 */
public enum AlertEventType {
    RAISED, UPDATED, RESOLVED, ACKNOWLEDGED, ESCALATED, OUTCOME, UNVERIFIED_ACK
}
