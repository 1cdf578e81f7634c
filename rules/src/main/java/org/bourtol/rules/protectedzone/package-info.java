/** Conflict rule herd-in-protected-zone: herds in farmland before its field-release date. */
package org.bourtol.rules.protectedzone;
