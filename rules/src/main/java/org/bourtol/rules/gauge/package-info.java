/** Flood rules on gauge readings: gauge-level and gauge-rise-rate. */
package org.bourtol.rules.gauge;
