/** The directories kept in compacted topics: zones, rules, recipients and reporters, plus the audit trail of their changes. */
package org.bourtol.contracts.directory;
