package org.bourtol.contracts.alert;

/** Lifecycle steps of an alert (docs/contracts.md). */
public enum AlertEventType {
    RAISED, UPDATED, RESOLVED, ACKNOWLEDGED, ESCALATED, OUTCOME
}
