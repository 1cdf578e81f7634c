/** Community messages that were not understood but may matter, kept for an officer to read ({@code bourtol.triage.v1}). */
package org.bourtol.contracts.triage;
