/** Publishers that send the scenario exactly as real sources do (Paho MQTT, signed Twilio webhooks) and the time-compressing player. */
package org.bourtol.simulator.publish;
