/** The Bourtol simulator: plays a seeded Sahel season through MQTT and signed SMS webhooks and scores the alerts against ground truth. */
package org.bourtol.simulator;
