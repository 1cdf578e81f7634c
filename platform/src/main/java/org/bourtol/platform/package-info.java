/** Shared runtime pieces for the Vert.x deployables: the component contract, API auth and errors, Kafka and MQTT client wiring, health and metrics. */
package org.bourtol.platform;
