/** The alert lifecycle published on {@code bourtol.alerts.v1}: alerts, their events, evidence and CAP qualifiers. */
package org.bourtol.contracts.alert;
