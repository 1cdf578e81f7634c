/** Typed Kafka topic handles, JSON serdes and the topic catalogue. */
package org.bourtol.contracts.topic;
