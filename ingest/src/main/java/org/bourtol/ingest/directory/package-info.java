/** Ingest's views of the directories: the reporter directory (by id and by pseudonym) and the gazetteer fed by the zones topic. */
package org.bourtol.ingest.directory;
