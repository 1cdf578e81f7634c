package org.bourtol.ingest.validation;

/** A payload Bourtol cannot accept: {@code code} is a stable label (metrics, rejected records), the message is for a person. */
public final class InvalidInput extends RuntimeException {

    private final String code;

    public InvalidInput(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
