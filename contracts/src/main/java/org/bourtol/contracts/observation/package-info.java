/** Observations (herd positions, gauge and rain readings, community reports) and rejected inputs, as published on Kafka. */
package org.bourtol.contracts.observation;
