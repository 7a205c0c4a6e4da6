package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * Where two canonical forms differ, entry by entry, for a reader who checks a theorem verdict by
 * hand: nodes are compared by id (canonical forms name nodes by position), each bias and incoming
 * weight as exact text. The theorem rests on the forms themselves (in the certificates); this list
 * says where to look, and {@code nnid check-evidence} recomputes it from the replayed forms.
 */
public final class FormDifferences {
    /** At most this many places are listed; a last entry counts the rest. */
    static final int LISTED = 20;

    /** One place: a node count, a bias or a weight, with A's and B's value ("none": no such edge or node). */
    public record Place(String place, String a, String b) {
        @Override
        public String toString() {
            return place + ": A " + a + ", B " + b;
        }
    }

    private FormDifferences() {}

    static List<Place> of(Network a, Network b) {
        List<Place> out = new ArrayList<>();
        if (a.inputCount() != b.inputCount() || a.outputCount() != b.outputCount()) {
            out.add(new Place("inputs, outputs", a.inputCount() + ", " + a.outputCount(), b.inputCount() + ", "
                    + b.outputCount()));
            return out;
        }
        if (a.hiddenCount() != b.hiddenCount()) {
            out.add(new Place("hidden nodes", Integer.toString(a.hiddenCount()), Integer.toString(b.hiddenCount())));
        }
        if (a.outputActivation() != b.outputActivation()) {
            out.add(new Place("activation at the outputs", Boolean.toString(a.outputActivation()),
                    Boolean.toString(b.outputActivation())));
        }
        int more = 0;
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            List<Place> node = node(a, v, b);
            for (Place p : node) {
                if (out.size() < LISTED) {
                    out.add(p);
                } else {
                    more++;
                }
            }
        }
        for (int v = b.inputCount(); v < b.nodeCount(); v++) {
            if (a.indexOf(b.id(v)) < 0) {
                if (out.size() < LISTED) {
                    out.add(new Place("node " + b.id(v), "none", "present"));
                } else {
                    more++;
                }
            }
        }
        if (more > 0) {
            out.add(new Place("further places", "", more + " not listed"));
        }
        return out;
    }

    /** The places where node v of A and B's node of the same id differ. */
    private static List<Place> node(Network a, int v, Network b) {
        String id = a.id(v);
        int w = b.indexOf(id);
        if (w < 0) {
            return List.of(new Place("node " + id, "present", "none"));
        }
        List<Place> out = new ArrayList<>();
        if (!text(a.bias(v)).equals(text(b.bias(w)))) {
            out.add(new Place("bias of " + id, a.bias(v).toText(), b.bias(w).toText()));
        }
        Map<String, String[]> edges = new TreeMap<>();
        a.incoming(v).forEach((u, x) -> edges.computeIfAbsent(a.id(u), k -> new String[] {"none", "none"})[0] = text(x));
        b.incoming(w).forEach((u, x) -> edges.computeIfAbsent(b.id(u), k -> new String[] {"none", "none"})[1] = text(x));
        edges.forEach((source, ab) -> {
            if (!ab[0].equals(ab[1])) {
                out.add(new Place("weight " + source + " → " + id, ab[0], ab[1]));
            }
        });
        return out;
    }

    private static String text(Scalar x) {
        return x.toText();
    }
}
