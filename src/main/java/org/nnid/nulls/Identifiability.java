package org.nnid.nulls;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.rewrite.Orbit;
import org.nnid.rewrite.Rewriter;
import org.nnid.scalar.Scalar;
import org.nnid.theory.Incoming;
import org.nnid.theory.NormalForm;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.Theory;

/**
 * What the theory of a nonlinearity says about identifiability (docs/math.md §3, §4), for the
 * nonlinearity and for one network.
 *
 * <p>For a network: zero rows (R1), zero columns (R2) and clones up to symmetry (R3) make it not
 * identifiable, shown by its reduction, a different network with the same function. Otherwise, for a
 * null-free ρ it is identifiable up to symmetries (docs/math.md §4.1, with the same-layout orbit size of
 * §4.2); for other ρ the depth-1 units are searched for a null pattern (a proved relation among
 * them, added to an output, gives a different network with the same function); without one the
 * answer is NOT_CERTIFIED.
 */
public final class Identifiability {
    public enum Answer { IDENTIFIABLE, NOT_IDENTIFIABLE, NOT_CERTIFIED }

    /**
     * @param alternative for NOT_IDENTIFIABLE: a different network with the same function
     * @param findings    the zero rows and columns, clone pairs and null patterns found
     */
    public record Verdict(Answer answer, String reason, Optional<Network> alternative, List<String> findings) {}

    private Identifiability() {}

    /** The report on a nonlinearity: group, normal form, null-freeness, and what follows for users. */
    public static String report(Theory theory, IdentifiabilityTable.Row row) {
        List<String> l = new ArrayList<>();
        NullFreeness nf = theory.nullFreeness();
        l.add(theory.name() + ": " + theory.description());
        l.add("  symmetry group S_ρ: " + theory.group() + (theory.group().families().isEmpty()
                ? " (order " + groupOrder(theory) + ")" : " (infinite)"));
        l.add("  normal form:        " + theory.normalForm().describe());
        l.add("  null-free:          " + row.standing().word() + " — " + row.basis());
        row.nullChecks().forEach(c -> c.lines().forEach(x -> l.add("                      " + x)));
        l.add("what follows:");
        switch (nf.status()) {
            case PROVED -> {
                l.add("  - two networks have the same function iff their reductions have identical canonical forms"
                        + " (docs/math.md §4.2): `nnid canon` and `nnid diff` decide equality exactly, any depth and"
                        + " connectivity, with no genericity assumption");
                l.add("  - a reduced layered network with hidden widths D_1..D_L-1 and H hidden nodes shares its"
                        + " function with exactly ∏ D_ℓ! · " + groupOrder(theory) + "^H parameter vectors of the same"
                        + " layout (docs/math.md §4.2, reconstructed; `nnid orbit NET --count`)");
            }
            case REFUTED -> {
                l.add("  - canonical forms are sound but incomplete: equal canonical forms prove equal functions,"
                        + " different ones prove nothing (null networks exist: " + String.join(", ",
                        nf.nullNetworks().stream().map(NullFreeness.NullNetwork::file).toList()) + ")");
                l.add("  - the orbit of a network under the symmetries is not all networks with its function:"
                        + " adding a multiple of a null network changes weights and keeps the function");
            }
            case UNKNOWN -> l.add("  - canonical forms are sound (equal forms prove equal functions); whether different"
                    + " forms mean different functions is open: no theorem and no null network is known"
                    + " (`nnid null-search " + theory.name() + "` looks for one)");
        }
        l.add("  - necessary for every nonlinearity (docs/math.md §3): no hidden node without incoming edges (a zero"
                + " row, R1), none without outgoing edges (a zero column, R2), and no two nodes with the same"
                + " predecessors whose incoming vectors differ by a symmetry (clones, R3): each gives a continuum"
                + " or another network with the same function (`nnid identifiability --network NET` checks them)");
        l.add("verdict: " + row.verdict());
        return String.join("\n", l) + "\n";
    }

    private static String evidence(NullFreeness nf) {
        return switch (nf.status()) {
            case PROVED -> nf.citation().map(c -> "cited: " + c)
                    .orElse(nf.byRelation().map(r -> "through the affine relation to " + r).orElse(nf.evidence()));
            case REFUTED -> "null networks " + String.join(", ", nf.nullNetworks().stream()
                    .map(NullFreeness.NullNetwork::file).toList()) + " (verified by `nnid theory verify`)";
            case UNKNOWN -> nf.evidence().isBlank() ? "no theorem and no null network known" : nf.evidence();
        };
    }

    private static long groupOrder(Theory theory) {
        return 1 + theory.group().elements().stream().filter(e -> !e.isIdentity()).count();
    }

    /** Checks one network (docs/math.md §3, §4). */
    public static Verdict check(Network net, Theory theory, Duration limit) {
        List<String> findings = new ArrayList<>();
        findings.addAll(zeroRowsAndColumns(net));
        findings.addAll(clones(net, theory.normalForm()));
        if (!findings.isEmpty()) {
            Network reduced = Rewriter.reduce(net, theory).network();
            return new Verdict(Answer.NOT_IDENTIFIABLE, "R1–R3 apply, so its reduction (certified by `nnid reduce`)"
                    + " is a different network with the same function", Optional.of(reduced), findings);
        }
        if (theory.nullFreeness().status() == NullFreeness.Status.PROVED) {
            String orbit = net.asLayers().isPresent() ? Orbit.sameLayoutCount(net, theory.group())
                    .map(BigInteger::toString).map(n -> "; its same-layout orbit has " + n + " parameter vectors")
                    .orElse("") : "";
            return new Verdict(Answer.IDENTIFIABLE, "reduced, and " + theory.name() + " is null-free (docs/math.md §4.1):"
                    + " every network with its function is obtained by symmetries (M2) and relabelling (M1)" + orbit,
                    Optional.empty(), findings);
        }
        Optional<Verdict> pattern = nullPattern(net, theory, limit, findings);
        if (pattern.isPresent()) {
            return pattern.get();
        }
        if (theory.nullFreeness().status() == NullFreeness.Status.REFUTED
                && !theory.nullFreeness().nullNetworks().isEmpty()) {
            return withNullNetworkAdded(net, theory, findings);
        }
        return new Verdict(Answer.NOT_CERTIFIED, "reduced, but " + theory.name() + " is not known to be null-free"
                + " (null-freeness " + theory.nullFreeness().status().word() + ") and no null pattern was found among"
                + " its depth-1 units; deeper patterns are not excluded", Optional.empty(), findings);
    }

    /**
     * ρ has a null network Z (⟨Z⟩ ≡ 0, verified with the theory): then ⟨N⟩ = ⟨N ⊕ c·Z(A·x + b)⟩ for
     * every c and affine map, so the networks realising ⟨N⟩ are its orbit under M1/M2 and, beyond
     * it, N plus any combination of such copies of null networks, reduced (R1–R3). The reduction of
     * N ⊕ Z is the different network shown; its canonical form is checked to differ from N's.
     */
    private static Verdict withNullNetworkAdded(Network net, Theory theory, List<String> findings) {
        NullFreeness.NullNetwork z = theory.nullFreeness().nullNetworks().get(0);
        String output = net.id(net.outputNode(0));
        Network canonical = Rewriter.canonicalise(net, theory).network();
        Network alternative = null;
        for (int c = 1; c <= 3 && alternative == null; c++) {
            Network sum = Rewriter.reduce(NetworkSum.add(net, z.network(), output, Scalar.of(c)), theory).network();
            if (!Rewriter.canonicalise(sum, theory).network().equals(canonical)) {
                alternative = sum;
            }
        }
        String orbit = net.asLayers().isPresent() ? Orbit.sameLayoutCount(net, theory.group())
                .map(n -> n + " parameter vectors of the same layout").orElse("infinitely many networks of the same"
                        + " layout (the group is infinite)") : "its images under the group";
        findings.add("function class: " + theory.name() + " networks with " + net.inputCount() + " input"
                + (net.inputCount() == 1 ? "" : "s") + ", " + net.hiddenCount() + " hidden node"
                + (net.hiddenCount() == 1 ? "" : "s") + ", " + net.outputCount() + " output"
                + (net.outputCount() == 1 ? "" : "s") + ", depth " + (net.depth() - 1));
        findings.add("the same function: its orbit under symmetries (M2) and relabelling (M1), " + orbit
                + "; and, beyond the orbit, the network plus c·Z(A·x + b) at any output, for every null network Z of "
                + theory.name() + ", c ≠ 0 and affine map A·x + b, reduced by R1–R3 (docs/math.md §3, §4)");
        findings.add("null network used: " + z.file() + " (≡ 0, as `nnid theory verify " + theory.name()
                + "` checks)");
        if (alternative == null) {
            return new Verdict(Answer.NOT_CERTIFIED, "reduced; " + theory.name() + " has null networks, but adding "
                    + z.file() + " to " + output + " gave back the same canonical form", Optional.empty(), findings);
        }
        return new Verdict(Answer.NOT_IDENTIFIABLE, "reduced, but " + theory.name() + " has null networks (null-freeness"
                + " refuted), so symmetries do not give every network with its function: adding " + z.file() + " to "
                + output + " keeps the function and gives a different reduced network", Optional.of(alternative),
                findings);
    }

    private static List<String> zeroRowsAndColumns(Network net) {
        List<String> out = new ArrayList<>();
        boolean[] feeds = new boolean[net.nodeCount()];
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            for (int u : net.incoming(v).keySet()) {
                feeds[u] = true;
            }
        }
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v) && net.incoming(v).isEmpty()) {
                out.add("zero row: hidden node " + net.id(v) + " has no incoming edge (a constant, R1)");
            }
            if (net.isHidden(v) && !feeds[v]) {
                out.add("zero column: hidden node " + net.id(v) + " has no outgoing edge (dead, R2)");
            }
        }
        return out;
    }

    /** Pairs with the same predecessors and equal normal forms, with the symmetry s taking one to the other. */
    private static List<String> clones(Network net, NormalForm nf) {
        List<String> out = new ArrayList<>();
        Map<List<Integer>, List<Integer>> byPredecessors = new LinkedHashMap<>();
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v) && !net.incoming(v).isEmpty()) {
                byPredecessors.computeIfAbsent(new ArrayList<>(net.incoming(v).keySet()), k -> new ArrayList<>()).add(v);
            }
        }
        for (List<Integer> group : byPredecessors.values()) {
            // each node normalised once, not once per pair (a dense layer of 256 is 32,640 pairs)
            List<NormalForm.Result> normal = new ArrayList<>(group.size());
            for (int v : group) {
                normal.add(nf.normalise(incoming(net, v)));
            }
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    NormalForm.Result a = normal.get(i);
                    NormalForm.Result b = normal.get(j);
                    if (a.normal().sameValues(b.normal())) {
                        // s_b·in_w = s_a·in_v, so in_w = (s_b⁻¹ s_a)·in_v and h_w = c·h_v + d.
                        SymmetryElement s = b.element().inverse().compose(a.element());
                        out.add("clones: " + net.id(group.get(j)) + " = " + Unit.affine(List.of(s.c()),
                                List.of(net.id(group.get(i))), s.d()) + " by the symmetry " + s + " (R3)");
                    }
                }
            }
        }
        return out;
    }

    private static Incoming incoming(Network net, int v) {
        return new Incoming(new ArrayList<>(net.incoming(v).values()), net.bias(v));
    }

    /**
     * A relation among the hidden nodes that read inputs only, found numerically, proved as a null
     * network, and added to the first output that reads one of them.
     */
    private static Optional<Verdict> nullPattern(Network net, Theory theory, Duration limit, List<String> findings) {
        List<Integer> units = new ArrayList<>();
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            if (net.isHidden(v) && net.incoming(v).keySet().stream().allMatch(net::isInput)) {
                units.add(v);
            }
        }
        if (units.isEmpty()) {
            return Optional.empty();
        }
        // each unit's edges read once, as doubles in ascending source order (the sums' order)
        int[][] sources = new int[units.size()][];
        double[][] weights = new double[units.size()][];
        double[] biases = new double[units.size()];
        for (int k = 0; k < units.size(); k++) {
            Map<Integer, Scalar> in = net.incoming(units.get(k));
            sources[k] = new int[in.size()];
            weights[k] = new double[in.size()];
            int e = 0;
            for (Map.Entry<Integer, Scalar> edge : in.entrySet()) {
                sources[k][e] = edge.getKey();
                weights[k][e] = edge.getValue().toDouble();
                e++;
            }
            biases[k] = net.bias(units.get(k)).toDouble();
        }
        Random r = new Random(6);
        int rows = Math.max(60, 3 * (units.size() + 1));
        double[][] columns = new double[units.size()][rows];
        for (int i = 0; i < rows; i++) {
            double[] x = new double[net.inputCount()];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextDouble() * 8 - 4;
            }
            for (int k = 0; k < units.size(); k++) {
                double p = biases[k];
                for (int e = 0; e < sources[k].length; e++) {
                    p += weights[k][e] * x[sources[k][e]];
                }
                columns[k][i] = net.activation().apply(p);
            }
        }
        if (Dependencies.smallestRelativeSingularValue(columns, Dependencies.allIndices(units.size())) > Dependencies.THRESHOLD) {
            return Optional.empty();
        }
        for (int size = 1; size <= units.size(); size++) {
            int[] subset = Dependencies.allIndices(size);
            do {
                if (Dependencies.smallestRelativeSingularValue(columns, subset) > Dependencies.THRESHOLD) {
                    continue;
                }
                Optional<Relation> rel = Dependencies.relation(columns, subset);
                if (rel.isEmpty()) {
                    continue;
                }
                Network pattern = patternNetwork(net, units, rel.get());
                NullProof proof = NullProof.of(theory, pattern, limit);
                if (proof.refuted()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                for (int k : subset) {
                    names.add(net.id(units.get(k)));
                }
                String text = Unit.affine(rel.get().coefficients(), names, rel.get().constant()) + " ≡ 0";
                findings.add("null pattern among depth-1 units: " + text + " (" + proof.level().words() + ": "
                        + proof.detail() + ")");
                Network alternative = withRelationAdded(net, units, rel.get());
                return Optional.of(new Verdict(proof.proved() ? Answer.NOT_IDENTIFIABLE : Answer.NOT_CERTIFIED,
                        proof.proved() ? "the units satisfy " + text + ", so adding it to an output changes the"
                                + " weights and keeps the function"
                                : "the units appear to satisfy " + text + ", but it is only checked numerically",
                        proof.proved() ? Optional.of(alternative) : Optional.empty(), findings));
            } while (Dependencies.next(subset, units.size()));
        }
        return Optional.empty();
    }

    /** The relation alone, as a network over the same inputs (what is proved). */
    private static Network patternNetwork(Network net, List<Integer> units, Relation rel) {
        NetworkBuilder b = Network.builder(net.activation(), net.inputNames());
        Map<String, Scalar> out = new LinkedHashMap<>();
        for (int j = 0; j < rel.subset().length; j++) {
            int v = units.get(rel.subset()[j]);
            Map<String, Scalar> in = new LinkedHashMap<>();
            net.incoming(v).forEach((u, w) -> in.put(net.id(u), w));
            b.hidden(net.id(v), net.bias(v), in);
            out.put(net.id(v), rel.coefficients().get(j));
        }
        b.output("y", rel.constant(), out);
        return b.build();
    }

    /** net with the relation added to the first output that reads a unit of it (or to the first output). */
    private static Network withRelationAdded(Network net, List<Integer> units, Relation rel) {
        Map<Integer, Scalar> add = new HashMap<>();
        for (int j = 0; j < rel.subset().length; j++) {
            add.put(units.get(rel.subset()[j]), rel.coefficients().get(j));
        }
        int target = net.outputNode(0);
        for (int o : net.outputNodes()) {
            if (net.incoming(o).keySet().stream().anyMatch(add::containsKey)) {
                target = o;
                break;
            }
        }
        NetworkBuilder b = Network.builder(net.activation(), net.inputNames()).outputActivation(net.outputActivation());
        for (int v = net.inputCount(); v < net.nodeCount(); v++) {
            Map<String, Scalar> in = new LinkedHashMap<>();
            net.incoming(v).forEach((u, w) -> in.put(net.id(u), w));
            Scalar bias = net.bias(v);
            if (v == target) {
                for (Map.Entry<Integer, Scalar> e : add.entrySet()) {
                    in.merge(net.id(e.getKey()), e.getValue(), Scalar::add);
                }
                bias = bias.add(rel.constant());
            }
            b.node(net.id(v), net.isOutput(v), bias, in);
        }
        return b.build();
    }
}
