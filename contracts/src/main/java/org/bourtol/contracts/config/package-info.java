/** Typed configuration: one YAML file plus environment overrides, validated at once, secrets redacted. */
package org.bourtol.contracts.config;
