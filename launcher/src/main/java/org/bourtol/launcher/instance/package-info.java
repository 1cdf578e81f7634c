/** The all-in-one wiring: embedded or external Kafka and MQTT, topics, secrets, health, metrics, the HTTP server and the components, started and stopped in order. */
package org.bourtol.launcher.instance;
