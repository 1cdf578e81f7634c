/** Validation of device and API payloads (the MQTT shapes of SPEC 4.1) into observation records, with readable reasons. */
package org.bourtol.ingest.validation;
