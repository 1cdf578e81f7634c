/** Kafka client wiring from the typed configuration: client properties (TLS/SASL), topic creation, typed publishing and directory caches of compacted topics. */
package org.bourtol.platform.kafka;
