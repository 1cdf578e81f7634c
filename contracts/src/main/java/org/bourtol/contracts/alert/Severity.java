package org.bourtol.contracts.alert;

/** CAP 1.2 severity, in increasing order (the ordinal is comparable). Wire form is the CAP word. */
public enum Severity {
    Minor, Moderate, Severe, Extreme;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
