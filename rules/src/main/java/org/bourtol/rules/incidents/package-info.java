/** Community-report rules: incident-cluster (conflict) and community-flood-reports (flood). */
package org.bourtol.rules.incidents;
