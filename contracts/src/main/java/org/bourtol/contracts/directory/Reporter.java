package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A known focal point (docs/contracts.md), stored on {@code bourtol.reporters.v1} keyed by id. {@code pseudonym}
 * is the keyed HMAC of the phone, the only identity used outside the directory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reporter(String id, String name, String phone, String pseudonym, String language, String homeZone,
        boolean verified) {

    @Override
    public String toString() {
        return "Reporter[id=" + id + ", pseudonym=" + pseudonym + ", phone=" + org.bourtol.contracts.privacy.Phones.mask(phone) + "]";
    }
}
