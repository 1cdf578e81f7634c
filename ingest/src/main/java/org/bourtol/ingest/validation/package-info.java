/** Validation of device and API payloads (the MQTT shapes of docs/mqtt.md) into observation records, with readable reasons. */
package org.bourtol.ingest.validation;
