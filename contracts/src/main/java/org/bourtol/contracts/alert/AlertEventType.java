package org.bourtol.contracts.alert;

/** Lifecycle steps of an alert (SPEC 5). */
public enum AlertEventType {
    RAISED, UPDATED, RESOLVED, ACKNOWLEDGED, ESCALATED, OUTCOME
}
