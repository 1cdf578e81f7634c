/** MQTT input: the pure topic and payload parser (Bourtol topics and LoRaWAN network servers) and the Paho subscriber that acks after Kafka. */
package org.bourtol.ingest.mqtt;
