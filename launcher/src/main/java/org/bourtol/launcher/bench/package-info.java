/** {@code bourtol bench}: every hop of the pipeline next to a baseline measured in the same run (docs/performance.md). */
package org.bourtol.launcher.bench;
