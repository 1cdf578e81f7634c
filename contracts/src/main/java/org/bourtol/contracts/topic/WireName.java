package org.bourtol.contracts.topic;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum whose wire spelling is its constant's name in lower case with {@code _} as {@code -} ({@code FALSE_ALARM} is
 * {@code "false-alarm"}); {@link WireNames#parse(Class, String, String)} reads it back. Implementing this is the whole
 * mapping; an enum spelt otherwise overrides {@link #wire()}.
 */
public interface WireName {

    /** The constant's name (every enum has it). */
    String name();

    /** The spelling on the wire, in JSON and in URLs. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
