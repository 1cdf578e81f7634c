/** Brokers that run inside the Bourtol JVM for embedded mode, demos and tests: a single-node KRaft Kafka and a HiveMQ CE MQTT broker, loopback only, data under one directory. */
package org.bourtol.embedded;
