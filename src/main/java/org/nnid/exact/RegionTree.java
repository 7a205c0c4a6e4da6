package org.nnid.exact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * The certificate of {@link RegionCover}: its decisions in depth-first order. Along a path the
 * units are taken in order; each gets a phase proved by multipliers over the path's constraints
 * (active: pre-activation z ≥ 0; inactive: −z ≥ 0), or a split, which adds z ≥ 0 to the first branch
 * and −z ≥ 0 to the second (the branches cover the region). A path ends in a leaf: the outputs' forms
 * are exactly 0 there, or multipliers prove the region has no interior. {@link #check} replays it
 * with exact rational arithmetic and nothing else: if it holds, the network is 0 on the box (on
 * every region with interior, hence everywhere in the box by continuity).
 */
public record RegionTree(List<Entry> entries) {

    public enum Kind { ACTIVE, INACTIVE, SPLIT, ZERO_LEAF, EMPTY_LEAF, UNDECIDED_LEAF }

    /** One decision: the unit it concerns (−1 for leaves), and its multipliers when it has some. */
    public record Entry(Kind kind, int unit, List<BigFraction> lambda) {
        public Entry {
            lambda = List.copyOf(lambda);
        }

        static Entry phase(int unit, boolean active, BigFraction[] lambda) {
            return new Entry(active ? Kind.ACTIVE : Kind.INACTIVE, unit, List.of(lambda));
        }

        static Entry split(int unit) {
            return new Entry(Kind.SPLIT, unit, List.of());
        }

        static Entry zeroLeaf() {
            return new Entry(Kind.ZERO_LEAF, -1, List.of());
        }

        static Entry emptyLeaf(BigFraction[] lambda) {
            return new Entry(Kind.EMPTY_LEAF, -1, List.of(lambda));
        }

        static Entry undecidedLeaf() {
            return new Entry(Kind.UNDECIDED_LEAF, -1, List.of());
        }
    }

    public RegionTree {
        entries = List.copyOf(entries);
    }

    static RegionTree of(List<Entry> entries) {
        return new RegionTree(entries);
    }

    public int leafCount() {
        return (int) entries.stream().filter(e -> e.unit < 0).count();
    }

    private record Frame(int unit, List<AffineForm> constraints, AffineForm[] forms) {}

    /**
     * Replays the tree on the network and the box: empty if it proves the network is 0 on the box,
     * else what fails first.
     */
    public static Optional<String> check(RegionTree tree, ReluNet net, ExactBox box) {
        int n = net.inputs();
        AffineForm[] start = new AffineForm[n + net.unitCount()];
        for (int j = 0; j < n; j++) {
            start[j] = AffineForm.variable(n, j);
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(0, List.of(), start));
        int i = 0;
        List<Entry> e = tree.entries;
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            AffineForm[] forms = f.forms.clone();
            List<AffineForm> constraints = f.constraints;
            for (int u = f.unit; u < net.unitCount(); u++, i++) {
                if (i >= e.size() || e.get(i).unit != u) {
                    return Optional.of("entry " + (i + 1) + ": expected a decision for unit " + (u + 1));
                }
                Entry d = e.get(i);
                AffineForm z = net.units().get(u).form(forms, n);
                switch (d.kind) {
                    case ACTIVE, INACTIVE -> {
                        AffineForm signed = d.kind == Kind.ACTIVE ? z : z.negate();
                        if (d.lambda.size() != constraints.size()
                                || Rationals.sign(RegionCertificates.lowerBound(signed, constraints, d.lambda.toArray(BigFraction[]::new), box)) < 0) {
                            return Optional.of("entry " + (i + 1) + ": the multipliers do not prove unit " + (u + 1)
                                    + " " + d.kind.name().toLowerCase() + " on its region");
                        }
                        forms[n + u] = d.kind == Kind.ACTIVE ? z : AffineForm.constant(n, BigFraction.ZERO);
                    }
                    case SPLIT -> {
                        AffineForm[] below = forms.clone();
                        below[n + u] = AffineForm.constant(n, BigFraction.ZERO);
                        stack.push(new Frame(u + 1, with(constraints, z.negate()), below));
                        constraints = with(constraints, z);
                        forms[n + u] = z;
                    }
                    default -> {
                        return Optional.of("entry " + (i + 1) + ": a leaf before unit " + (u + 1));
                    }
                }
            }
            if (i >= e.size()) {
                return Optional.of("the tree ends before a leaf");
            }
            Entry leaf = e.get(i++);
            switch (leaf.kind) {
                case ZERO_LEAF -> {
                    for (ReluNet.Combination y : net.outputs()) {
                        if (!y.form(forms, n).isZero()) {
                            return Optional.of("entry " + i + ": an output is not 0 on this region");
                        }
                    }
                }
                case EMPTY_LEAF -> {
                    if (leaf.lambda.size() != constraints.size()
                            || !RegionCertificates.provesNoInterior(constraints, leaf.lambda.toArray(BigFraction[]::new), box)) {
                        return Optional.of("entry " + i + ": the multipliers do not prove the region has no interior");
                    }
                }
                default -> {
                    return Optional.of("entry " + i + ": " + (leaf.kind == Kind.UNDECIDED_LEAF ? "an undecided region"
                            : "expected a leaf"));
                }
            }
        }
        return i == e.size() ? Optional.empty() : Optional.of("entries after the last leaf");
    }

    private static List<AffineForm> with(List<AffineForm> list, AffineForm f) {
        List<AffineForm> out = new ArrayList<>(list);
        out.add(f);
        return out;
    }
}
