/** The default Sahel dataset and first-start seeding of zones and rules. */
package org.bourtol.rules.dataset;
