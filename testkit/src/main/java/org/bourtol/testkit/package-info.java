/** Test support shared by the modules' integration tests: one embedded Kafka per JVM, external servers (Mosquitto, Influxd) started as child processes on free loopback ports, polling with deadlines. */
package org.bourtol.testkit;
