/** Retained alert state per zone on MQTT for sirens, display boards and apps (Paho v3). */
package org.bourtol.notifier.mqtt;
