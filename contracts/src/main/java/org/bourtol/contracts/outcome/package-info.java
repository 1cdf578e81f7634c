/** What was done about an alert and whether the risk was real, on {@code bourtol.outcomes.v1}. */
package org.bourtol.contracts.outcome;
