/** The {@code bourtol} command line: picocli commands that load configuration and start an Instance (one running Bourtol), the demo, the simulator and benchmarks. */
package org.bourtol.launcher;
