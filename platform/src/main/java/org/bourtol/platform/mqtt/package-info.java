/** Paho MQTT connection options from the typed configuration (TLS, credentials, persistent sessions). */
package org.bourtol.platform.mqtt;
