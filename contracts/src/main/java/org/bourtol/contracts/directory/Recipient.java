package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;

/**
 * Someone Bourtol warns (docs/contracts.md), stored on {@code bourtol.recipients.v1} (key = id). The phone is
 * E.164 and lives only in this directory: everything else refers to the recipient by id and shows
 * {@link org.bourtol.contracts.privacy.Phones#mask(String)}. {@code tester} marks someone who also
 * receives test warnings (the others never do). A recipient is deactivated rather than deleted
 * ({@code active} false): kept in the directory and its history, sent nothing; records written before
 * the flag existed read as active.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recipient(String id, String name, String role, String phone, String language, List<String> zones,
        List<Hazard> hazards, Severity minSeverity, List<String> channels, QuietHours quietHours,
        String timezone, boolean tester, Boolean active) {

    /** An active recipient. */
    public Recipient(String id, String name, String role, String phone, String language, List<String> zones,
                     List<Hazard> hazards, Severity minSeverity, List<String> channels, QuietHours quietHours, String timezone,
                     boolean tester) {
        this(id, name, role, phone, language, zones, hazards, minSeverity, channels, quietHours, timezone, tester, true);
    }

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
        active = active == null || active; // never null: only active recipients are sent anything
    }

    /** This recipient, active or deactivated. */
    public Recipient withActive(boolean on) {
        return new Recipient(id, name, role, phone, language, zones, hazards, minSeverity, channels, quietHours, timezone, tester, on);
    }

    @Override
    public String toString() {
        return "Recipient[id=" + id + ", role=" + role + ", phone=" + org.bourtol.contracts.privacy.Phones.mask(phone)
                + (active ? "" : ", deactivated") + "]";
    }
}
