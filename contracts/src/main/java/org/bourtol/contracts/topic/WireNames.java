package org.bourtol.contracts.topic;

import java.util.Locale;
import java.util.function.Function;

/** Reading an enum from its wire spelling (the one its {@code wire()} writes), for the records' {@code @JsonCreator}s. */
public final class WireNames {

    private WireNames() {
    }

    /** As {@link #parse(Class, Function, String, String)} for an enum spelt by {@link WireName#wire()}. */
    public static <E extends Enum<E> & WireName> E parse(Class<E> type, String what, String value) {
        return parse(type, WireName::wire, what, value);
    }

    /**
     * The constant of {@code type} whose {@code wire} spelling is {@code value} (case-insensitive, blanks
     * around ignored).
     *
     * @throws IllegalArgumentException saying {@code what} is missing (null), or naming the value and every spelling, when none
     *     matches
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> wire, String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        E[] all = type.getEnumConstants();
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (E e : all) {
            if (wire.apply(e).toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E e : all) {
            known.append(known.length() == 0 ? "" : ", ").append(wire.apply(e));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "' (" + known + ")");
    }
}
