/** Conflict rule early-late-passage: herds on a corridor outside its agreed passage dates. */
package org.bourtol.rules.passage;
