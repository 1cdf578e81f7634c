/** The Kafka-to-InfluxDB sink: a consumer loop on its own thread, batched writes, commit after acceptance. */
package org.bourtol.timeseries.sink;
