package org.nnid.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The numbers an exact zero decision used, grouped as the procedure grouped them, so that a reader
 * can redo the decision by hand: for phasor sums each frequency's units (coefficient, phase) and
 * Σ c cos θ, Σ c sin θ; for exponential sums each slope's units and exponents with their sums; for
 * group sums each (w, θ) group's coefficient sum; for breakpoints each knot's value and the end
 * slopes; for a relu layer each hyperplane's total output weight; and every output's affine part.
 * Every value is exact text (nnid's exact-value grammar, or a double's round-trip digits), so two
 * computations of the same decision give equal data; {@code nnid check-evidence} compares the
 * saved data with the recomputed data.
 *
 * @param groups in the order the procedure met them
 */
public record ZeroData(List<Group> groups) {

    /** A named exact value. */
    public record Entry(String name, String value) {
        public Entry {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }

        @Override
        public String toString() {
            return name + " = " + value;
        }
    }

    /**
     * One group: what it is ({@code label}, e.g. "output y, frequency w = [1]"), one row per term
     * (unit, coefficient, phase, …) and the sums the decision compared with 0.
     */
    public record Group(String label, List<List<Entry>> terms, List<Entry> sums) {
        public Group {
            terms = terms.stream().map(List::copyOf).toList();
            sums = List.copyOf(sums);
        }
    }

    public ZeroData {
        groups = List.copyOf(groups);
    }

    public static ZeroData none() {
        return new ZeroData(List.of());
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /**
     * At most {@code max} of {@link #lines()}, the last saying how many more there are: a network
     * with hundreds of units stays readable on a terminal, and its saved verdict holds all of them.
     */
    public List<String> lines(int max) {
        List<String> all = lines();
        if (all.size() <= max) {
            return all;
        }
        List<String> out = new ArrayList<>(all.subList(0, max - 1));
        out.add("… " + (all.size() - max + 1) + " more lines of data (all of them in the saved verdict)");
        return out;
    }

    /** The data as indented lines for people: a group's label, its terms, then its sums. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(g.label() + ":");
            for (List<Entry> t : g.terms()) {
                out.add("  " + String.join(", ", t.stream().map(Entry::toString).toList()));
            }
            for (Entry s : g.sums()) {
                out.add("  " + s);
            }
        }
        return out;
    }

    /**
     * The first place where {@code recomputed} differs from this (saved) data, for a message;
     * empty when they are equal.
     */
    public Optional<String> firstDifference(ZeroData recomputed) {
        List<Group> other = recomputed.groups;
        for (int i = 0; i < Math.max(groups.size(), other.size()); i++) {
            if (i >= groups.size()) {
                return Optional.of("the recomputed data has a further group '" + other.get(i).label() + "'");
            }
            if (i >= other.size()) {
                return Optional.of("the saved group '" + groups.get(i).label() + "' is not recomputed");
            }
            Group a = groups.get(i);
            Group b = other.get(i);
            String at = "group " + (i + 1) + " '" + a.label() + "'";
            if (!a.label().equals(b.label())) {
                return Optional.of(at + " is recomputed as '" + b.label() + "'");
            }
            for (int t = 0; t < Math.max(a.terms().size(), b.terms().size()); t++) {
                List<Entry> sa = t < a.terms().size() ? a.terms().get(t) : List.of();
                List<Entry> sb = t < b.terms().size() ? b.terms().get(t) : List.of();
                if (!sa.equals(sb)) {
                    return Optional.of(at + ", term " + (t + 1) + ": saved " + sa + ", recomputed " + sb);
                }
            }
            if (!a.sums().equals(b.sums())) {
                return Optional.of(at + ": saved " + a.sums() + ", recomputed " + b.sums());
            }
        }
        return Optional.empty();
    }

    /**
     * Collects groups in order, for the procedures; a group's lists may still grow after it is
     * added (a procedure adds a sum once it has settled it), and are copied by {@link #build}.
     */
    static final class Builder {
        private record Open(String label, List<List<Entry>> terms, List<Entry> sums) {}

        private final List<Open> groups = new ArrayList<>();

        Builder add(String label, List<List<Entry>> terms, List<Entry> sums) {
            groups.add(new Open(label, terms, sums));
            return this;
        }

        ZeroData build() {
            return new ZeroData(groups.stream().map(g -> new Group(g.label(), g.terms(), g.sums())).toList());
        }
    }

    static Entry entry(String name, String value) {
        return new Entry(name, value);
    }
}
