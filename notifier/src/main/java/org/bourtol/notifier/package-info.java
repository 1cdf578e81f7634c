/** The notifier component: warns the right people once, in their language, with acknowledgement, escalation and CAP. */
package org.bourtol.notifier;
