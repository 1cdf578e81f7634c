/** Scoring: reads what Bourtol produced from Kafka and compares the alerts with the scenario's ground truth. */
package org.bourtol.simulator.truth;
