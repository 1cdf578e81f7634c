package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;

/**
 * Someone Bourtol warns (docs/contracts.md), stored on {@code bourtol.recipients.v1} (key = id). The phone is
 * E.164 and lives only in this directory: everything else refers to the recipient by id and shows
 * {@link org.bourtol.contracts.privacy.Phones#mask(String)}. {@code tester} marks someone who also
 * receives test warnings (the others never do).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recipient(String id, String name, String role, String phone, String language, List<String> zones,
                        List<Hazard> hazards, Severity minSeverity, List<String> channels, QuietHours quietHours,
                        String timezone, boolean tester) {

    /** A recipient who is not a tester. */
    public Recipient(String id, String name, String role, String phone, String language, List<String> zones,
                     List<Hazard> hazards, Severity minSeverity, List<String> channels, QuietHours quietHours, String timezone) {
        this(id, name, role, phone, language, zones, hazards, minSeverity, channels, quietHours, timezone, false);
    }

    public Recipient {
        zones = zones == null ? List.of() : List.copyOf(zones);
        hazards = hazards == null || hazards.isEmpty() ? List.of(Hazard.values()) : List.copyOf(hazards);
        channels = channels == null || channels.isEmpty() ? List.of("sms") : List.copyOf(channels);
        minSeverity = minSeverity == null ? Severity.Minor : minSeverity;
        language = language == null ? "fr" : language;
    }

    @Override
    public String toString() {
        return "Recipient[id=" + id + ", role=" + role + ", phone=" + org.bourtol.contracts.privacy.Phones.mask(phone) + "]";
    }
}
