/** Rules on community reports (SMS and API): incident-cluster (conflict) and community-flood-reports (flood), one windowed count. */
package org.bourtol.rules.reports;
