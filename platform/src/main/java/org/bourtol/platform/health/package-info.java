/** Readiness checks of Kafka, MQTT, InfluxDB, Twilio configuration and each started component, served as {@code GET /health}. */
package org.bourtol.platform.health;
