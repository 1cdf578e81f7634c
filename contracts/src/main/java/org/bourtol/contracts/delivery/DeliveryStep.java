package org.bourtol.contracts.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.bourtol.contracts.alert.Severity;

/**
 * Which notice of an alert a delivery carries, as written in {@link Delivery#step()}. This type holds
 * the one parse ({@link #parse}) and the one format ({@link #wire}) of the step spellings:
 * <ul>
 *   <li>{@code alert-<Severity>}: the first notice, and again when the severity rose ({@link Notice});</li>
 *   <li>{@code repeat-<n>}: the n-th repeat while unacknowledged ({@link Repeat});</li>
 *   <li>{@code escalation-<k>}: the escalation policy's k-th step ({@link Escalation});</li>
 *   <li>{@code issued-<version>} and {@code update-<version>}: an officer-issued warning's first notice
 *       and update at that version ({@link Issued}, {@link Update});</li>
 *   <li>{@code resolved} (the all-clear) and {@code cancelled} (a cancelled warning's notice);</li>
 *   <li>anything else read from the topic is kept as written ({@link Unknown}), so it still counts as
 *       sent and writes back unchanged.</li>
 * </ul>
 * A delivery that groups several alerts writes one step per alert, comma-separated in the order of
 * {@code alertIds} ({@link #join}, {@link #split}).
 */
public sealed interface DeliveryStep {

    /** The step as written on {@code bourtol.deliveries.v1}. */
    String wire();

    DeliveryStep RESOLVED = new Resolved();
    DeliveryStep CANCELLED = new Cancelled();

    /** {@code alert-<Severity>}. */
    record Notice(Severity severity) implements DeliveryStep {
        public String wire() {
            return "alert-" + severity.name();
        }
    }

    /** {@code repeat-<n>}, n from 1. */
    record Repeat(int n) implements DeliveryStep {
        public String wire() {
            return "repeat-" + n;
        }
    }

    /** {@code escalation-<k>}, k from 1 (the policy's k-th step). */
    record Escalation(int k) implements DeliveryStep {
        public String wire() {
            return "escalation-" + k;
        }
    }

    /** {@code issued-<version>}. */
    record Issued(int version) implements DeliveryStep {
        public String wire() {
            return "issued-" + version;
        }
    }

    /** {@code update-<version>}. */
    record Update(int version) implements DeliveryStep {
        public String wire() {
            return "update-" + version;
        }
    }

    /** {@code resolved}: the all-clear. */
    record Resolved() implements DeliveryStep {
        public String wire() {
            return "resolved";
        }
    }

    /** {@code cancelled}: a cancelled warning's notice. */
    record Cancelled() implements DeliveryStep {
        public String wire() {
            return "cancelled";
        }
    }

    /** A spelling none of the above reads (kept as written). */
    record Unknown(String wire) implements DeliveryStep {
        public Unknown {
            wire = wire == null ? "" : wire;
        }
    }

    /** The step spelt {@code wire}; never fails (an unreadable spelling is {@link Unknown}). */
    static DeliveryStep parse(String wire) {
        if (wire == null) {
            return new Unknown("");
        }
        if (wire.equals("resolved")) {
            return RESOLVED;
        }
        if (wire.equals("cancelled")) {
            return CANCELLED;
        }
        int dash = wire.indexOf('-');
        if (dash > 0) {
            String head = wire.substring(0, dash);
            String tail = wire.substring(dash + 1);
            if (head.equals("alert")) {
                for (Severity s : Severity.values()) {
                    if (s.name().equals(tail)) {
                        return new Notice(s);
                    }
                }
                return new Unknown(wire);
            }
            Integer n = number(tail);
            if (n != null) {
                switch (head) {
                    case "repeat":
                        return new Repeat(n);
                    case "escalation":
                        return new Escalation(n);
                    case "issued":
                        return new Issued(n);
                    case "update":
                        return new Update(n);
                    default:
                        break;
                }
            }
        }
        return new Unknown(wire);
    }

    /** The steps of one delivery, one per alert id: {@code a,b}. */
    static String join(List<DeliveryStep> steps) {
        return steps.stream().map(DeliveryStep::wire).collect(Collectors.joining(","));
    }

    /** The steps written by {@link #join} (a null field is one empty step). */
    static List<DeliveryStep> split(String joined) {
        return Arrays.stream(joined == null ? new String[] {""} : joined.split(",", -1)).map(DeliveryStep::parse).toList();
    }

    /** A non-negative decimal number whose spelling writes back the same (so {@code 07} stays unknown), else null. */
    private static Integer number(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit) || (s.length() > 1 && s.charAt(0) == '0')) {
            return null;
        }
        return Integer.parseInt(s);
    }
}
