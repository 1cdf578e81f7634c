/** In-process infrastructure for embedded mode, demos and integration tests: a single-node KRaft Kafka broker and an MQTT broker, bound to loopback. */
package org.bourtol.embedded;
