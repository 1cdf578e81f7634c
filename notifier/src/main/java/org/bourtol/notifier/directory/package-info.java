/** The recipient directory API (masked phones, audited changes) and its validation. */
package org.bourtol.notifier.directory;
