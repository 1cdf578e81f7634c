/** The {@code bourtol} command line: picocli commands that load configuration and start a Platform, the demo, the simulator and benchmarks. */
package org.bourtol.launcher;
