/** Ingest's HTTP API: batch observations, the reporter directory and API tokens. */
package org.bourtol.ingest.http;
