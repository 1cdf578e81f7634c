/** The monthly indicator report, computed from the topics: JSON, CSV and a printable HTML page. */
package org.bourtol.launcher.report;
