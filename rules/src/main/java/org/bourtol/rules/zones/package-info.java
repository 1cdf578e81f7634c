/** Zones: GeoJSON to JTS, validation, the spatial index and the zones API. */
package org.bourtol.rules.zones;
