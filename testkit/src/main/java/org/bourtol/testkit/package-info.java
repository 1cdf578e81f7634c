/** Test support shared by the modules' integration tests: one embedded Kafka per JVM, external servers (mosquitto, influxd) started as child processes, polling with deadlines. */
package org.bourtol.testkit;
