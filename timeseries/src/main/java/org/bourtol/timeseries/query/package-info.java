/** Reading time series back from InfluxDB by time range and station or zone (backtests, console). */
package org.bourtol.timeseries.query;
