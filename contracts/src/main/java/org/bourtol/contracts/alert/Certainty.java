package org.bourtol.contracts.alert;

/** CAP 1.2 certainty. */
public enum Certainty {
    Observed, Likely, Possible, Unlikely, Unknown
}
