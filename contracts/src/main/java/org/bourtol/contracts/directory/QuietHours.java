package org.bourtol.contracts.directory;

/** Local hours ("HH:mm", Africa/Bamako unless the recipient says otherwise) when non-extreme alerts wait; may wrap midnight. */
public record QuietHours(String from, String to) {
    public QuietHours {
        if (from == null || to == null || !from.matches("\\d\\d:\\d\\d") || !to.matches("\\d\\d:\\d\\d")) {
            throw new IllegalArgumentException("quietHours must be {\"from\":\"HH:mm\",\"to\":\"HH:mm\"}");
        }
    }
}
