package org.bourtol.platform.http;

import java.util.Locale;

/**
 * API roles. {@code viewer} reads alerts, rules, zones and warnings; {@code officer} also changes
 * rules, zones and directories, reads the directories and acknowledges and confirms alerts;
 * {@code admin} also manages tokens. {@code ingest} (apps and forms) may only post observations, which
 * officers and admins may post too; it reads nothing.
 */
public enum Role {
    VIEWER, OFFICER, ADMIN, INGEST;

    /** True when a token of this role may do what {@code other} may. */
    public boolean includes(Role other) {
        if (this == other) {
            return true;
        }
        if (this == INGEST) {
            return false;
        }
        if (other == INGEST) {
            return this == OFFICER || this == ADMIN;
        }
        return compareTo(other) >= 0;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown role '" + s + "' (viewer, officer, admin, ingest)");
        }
    }
}
