package org.bourtol.contracts.alert;

/** CAP 1.2 urgency. */
public enum Urgency {
    Immediate, Expected, Future, Past, Unknown
}
