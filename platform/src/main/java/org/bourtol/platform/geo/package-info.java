/** GeoJSON geometry (WGS84) read into JTS, shared by the zones directory and officer-drawn warning areas. */
package org.bourtol.platform.geo;
