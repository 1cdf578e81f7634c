/** Place names: the gazetteer built from the zones (accent-folded, tolerant of close misspellings) and text folding. */
package org.bourtol.ingest.place;
