/** {@code bourtol bench}: pipeline throughput and latency next to a raw Kafka baseline measured in the same run. */
package org.bourtol.simulator.bench;
