/** The time-series component: observations, alerts and deliveries from Kafka into InfluxDB. */
package org.bourtol.timeseries;
