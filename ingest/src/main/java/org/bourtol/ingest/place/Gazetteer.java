package org.bourtol.ingest.place;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.text.Gsm7;

/**
 * Place names from the zones: each zone is findable by its name, its name without a parenthesis, the
 * text in the parenthesis, its aliases and its id, all accent-folded. Lookups try the longest run of
 * words first (multi-word names), exact before approximate; approximate matches tolerate
 * {@link Fold#tolerance} edits (Damerau-Levenshtein). When one name denotes several zones the most
 * specific kind wins (a commune before the station of the same name, before its region); otherwise the
 * answer is {@link Resolution.Ambiguous}. Immutable and thread-safe; rebuilt when the zones change.
 */
public final class Gazetteer {

    private static final int MAX_WORDS = 6;
    private static final Pattern PAREN = Pattern.compile("^(.*?)\\s*\\((.*)\\)\\s*$");
    private static final Pattern LAT_LON = Pattern.compile("(-?\\d{1,2}(?:[.]\\d+)?)\\s*[,;/ ]\\s*(-?\\d{1,3}(?:[.]\\d+)?)");

    private final Map<String, List<Place>> byKey;
    private final Map<String, Place> byId;

    private Gazetteer(Map<String, List<Place>> byKey, Map<String, Place> byId) {
        this.byKey = byKey;
        this.byId = byId;
    }

    public static Gazetteer of(Collection<Zone> zones) {
        Map<String, List<Place>> byKey = new HashMap<>();
        Map<String, Place> byId = new LinkedHashMap<>();
        for (Zone z : zones) {
            double[] p = Centroids.of(z.geometry());
            if (p == null) {
                continue;
            }
            String display = Gsm7.ascii(z.name());
            Place place = new Place(z.id(), display, p[0], p[1], z.kind());
            byId.put(z.id(), place);
            Set<String> keys = new LinkedHashSet<>();
            keys.add(Gsm7.key(z.name()));
            Matcher m = PAREN.matcher(z.name());
            if (m.matches()) {
                keys.add(Gsm7.key(m.group(1)));
                keys.add(Gsm7.key(m.group(2)));
            }
            z.aliases().forEach(a -> keys.add(Gsm7.key(a)));
            keys.add(Gsm7.key(z.id()));
            for (String k : keys) {
                if (!k.isEmpty()) {
                    List<Place> list = byKey.computeIfAbsent(k, x -> new ArrayList<>());
                    if (!list.contains(place)) {
                        list.add(place);
                    }
                }
            }
        }
        return new Gazetteer(Map.copyOf(byKey), Map.copyOf(byId));
    }

    public static Gazetteer empty() {
        return new Gazetteer(Map.of(), Map.of());
    }

    public Place byId(String zoneId) {
        return byId.get(zoneId);
    }

    public int size() {
        return byId.size();
    }

    /** Looks up a whole text (e.g. an MQTT report's {@code place}), or {@code lat,lon}. */
    public Resolution resolve(String text) {
        Matcher ll = LAT_LON.matcher(text.trim());
        if (ll.matches()) {
            Resolution r = coordinates(ll.group(1), ll.group(2));
            if (r != null) {
                return r;
            }
        }
        List<String> tokens = List.of(Gsm7.key(text).split(" "));
        Resolution r = resolve(tokens, 0, z -> true);
        if (r instanceof Resolution.Found f && f.tokens() < tokens.size()) {
            return new Resolution.Unknown(Gsm7.key(text), nearest(Gsm7.key(text), z -> true));
        }
        return r;
    }

    /** Parses {@code lat,lon} in range, or null. */
    public static Resolution coordinates(String lat, String lon) {
        try {
            double la = Double.parseDouble(lat);
            double lo = Double.parseDouble(lon);
            if (la < -90 || la > 90 || lo < -180 || lo > 180) {
                return null;
            }
            return new Resolution.Found(Place.coordinates(la, lo), 1, true);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The longest place name starting at {@code tokens[start]} (folded words), among places accepted by
     * {@code filter}: exact names first, then close misspellings.
     */
    public Resolution resolve(List<String> tokens, int start, Predicate<Place> filter) {
        int max = Math.min(MAX_WORDS, tokens.size() - start);
        if (max <= 0) {
            return new Resolution.Unknown("", List.of());
        }
        Resolution exact = exact(tokens, start, filter);
        if (exact != null) {
            return exact;
        }
        for (int n = max; n >= 1; n--) {
            String key = String.join(" ", tokens.subList(start, start + n));
            int tolerance = Fold.tolerance(key.replace(" ", "").length());
            if (tolerance == 0) {
                continue;
            }
            int best = Integer.MAX_VALUE;
            List<Place> hits = new ArrayList<>();
            for (Map.Entry<String, List<Place>> e : byKey.entrySet()) {
                int d = Fold.distance(key, e.getKey(), tolerance);
                if (d > tolerance || d > best) {
                    continue;
                }
                List<Place> ok = e.getValue().stream().filter(filter).toList();
                if (ok.isEmpty()) {
                    continue;
                }
                if (d < best) {
                    best = d;
                    hits.clear();
                }
                ok.stream().filter(p -> !hits.contains(p)).forEach(hits::add);
            }
            if (!hits.isEmpty()) {
                return choose(key, hits, n, false);
            }
        }
        String query = tokens.get(start);
        return new Resolution.Unknown(query, nearest(query, filter));
    }

    /**
     * The longest place name written exactly (folded) at {@code tokens[start]}: {@link Resolution.Found}
     * or {@link Resolution.Ambiguous}, or null when no name starts there. No misspelling is tolerated,
     * which is what a scan of free text for a place needs.
     */
    public Resolution exact(List<String> tokens, int start, Predicate<Place> filter) {
        int max = Math.min(MAX_WORDS, tokens.size() - start);
        for (int n = max; n >= 1; n--) {
            String key = n == 1 ? tokens.get(start) : String.join(" ", tokens.subList(start, start + n));
            List<Place> all = byKey.get(key);
            if (all == null) {
                continue;
            }
            List<Place> hits = all.stream().filter(filter).toList();
            if (!hits.isEmpty()) {
                return choose(key, hits, n, true);
            }
        }
        return null;
    }

    private static Resolution choose(String key, List<Place> hits, int n, boolean exact) {
        if (hits.size() == 1) {
            return new Resolution.Found(hits.get(0), n, exact);
        }
        List<Place> sorted = hits.stream().sorted(Comparator.comparingInt(p -> rank(p.kind()))).toList();
        if (rank(sorted.get(0).kind()) < rank(sorted.get(1).kind())) {
            return new Resolution.Found(sorted.get(0), n, exact);
        }
        return new Resolution.Ambiguous(key, sorted.stream().limit(3).toList(), n);
    }

    /** Smaller is more specific. */
    static int rank(ZoneKind kind) {
        return switch (kind) {
            case FARMLAND, WATER_POINT, MARKET, PASTURE -> 0;
            case CORRIDOR -> 1;
            case COMMUNE -> 2;
            case STATION -> 3;
            case CERCLE -> 4;
            case RIVER_REACH -> 5;
            case REGION -> 6;
        };
    }

    /** Up to three distinct places whose names are closest to {@code query}. */
    public List<Place> nearest(String query, Predicate<Place> filter) {
        Map<Place, Integer> best = new HashMap<>();
        for (Map.Entry<String, List<Place>> e : byKey.entrySet()) {
            String k = e.getKey();
            int cap = Math.max(query.length(), k.length());
            int d = Math.min(Fold.distance(query, k, cap), k.length() > query.length()
                    ? Fold.distance(query, k.substring(0, query.length()), cap) + 1 : Integer.MAX_VALUE);
            for (Place p : e.getValue()) {
                if (filter.test(p)) {
                    best.merge(p, d, Math::min);
                }
            }
        }
        List<Place> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        best.entrySet().stream()
                .sorted(Map.Entry.<Place, Integer>comparingByValue().thenComparing(e -> rank(e.getKey().kind())))
                .forEach(e -> {
                    if (names.size() < 3 && names.add(e.getKey().name())) {
                        out.add(e.getKey());
                    }
                });
        return out;
    }
}
