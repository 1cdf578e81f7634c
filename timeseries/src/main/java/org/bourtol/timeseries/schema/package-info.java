/** The InfluxDB schema: how observations, alert events and deliveries become points (pure functions). */
package org.bourtol.timeseries.schema;
