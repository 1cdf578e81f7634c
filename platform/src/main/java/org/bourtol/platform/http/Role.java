package org.bourtol.platform.http;

import java.util.Locale;

/** API roles, each including the ones before it: a viewer reads, an officer changes rules, zones and directories, an admin manages tokens. */
public enum Role {
    VIEWER, OFFICER, ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown role '" + s + "' (viewer, officer, admin)");
        }
    }
}
