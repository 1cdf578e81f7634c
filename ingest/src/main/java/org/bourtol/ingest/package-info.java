/** The ingest component: turns MQTT, SMS and HTTP inputs into observations on Kafka, never losing one. */
package org.bourtol.ingest;
