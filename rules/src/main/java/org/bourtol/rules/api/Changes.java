package org.bourtol.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A one-line, human summary of what changed between two versions of a document ("params.warningCm: 530 -> 500"). */
final class Changes {

    private static final Set<String> IGNORED = Set.of("version", "updatedAt", "updatedBy");

    private Changes() {
    }

    static String summary(JsonNode before, JsonNode after) {
        if (before == null || before.isNull()) {
            return "created";
        }
        if (after == null || after.isNull()) {
            return "deleted";
        }
        List<String> out = new ArrayList<>();
        diff("", before, after, out, 0);
        return out.isEmpty() ? "no change" : String.join("; ", out);
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out, int depth) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            if (depth == 0 && IGNORED.contains(n)) {
                continue;
            }
            JsonNode x = a.get(n);
            JsonNode y = b.get(n);
            if (x != null && y != null && x.equals(y)) {
                continue;
            }
            if (x != null && y != null && x.isObject() && y.isObject() && depth < 1) {
                diff(path + n + ".", x, y, out, depth + 1);
            } else if (n.equals("geometry")) {
                out.add(path + n + " changed");
            } else {
                out.add(path + n + ": " + text(x) + " -> " + text(y));
            }
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return "(none)";
        }
        String s = n.isTextual() ? n.asText() : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

}
