package org.bourtol.ingest.place;

import java.util.List;

/** The outcome of looking a place up: found, ambiguous between candidates, or unknown with the nearest names. */
public sealed interface Resolution {

    /** How many tokens of the input the match used (0 when nothing matched). */
    int tokens();

    record Found(Place place, int tokens, boolean exact) implements Resolution {
    }

    record Ambiguous(String query, List<Place> candidates, int tokens) implements Resolution {
    }

    record Unknown(String query, List<Place> nearest) implements Resolution {
        @Override
        public int tokens() {
            return 0;
        }
    }
}
