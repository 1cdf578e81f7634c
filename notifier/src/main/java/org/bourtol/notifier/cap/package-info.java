/** The CAP 1.2 feed: Atom index of active alerts and one CAP document per alert, plus XXE-safe XML parsing. */
package org.bourtol.notifier.cap;
