package org.nnid.nulls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.rewrite.Rewriter;
import org.nnid.rewrite.Rules;
import org.nnid.scalar.Scalar;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.Theory;

/**
 * What the null-network search found: FOUND with the null network, the relation it realises and its
 * proof, or NONE_FOUND with the space searched and, where one exists, the theorem that no null
 * network exists anywhere. Both say why the search stopped.
 *
 * @param listed   for FOUND: the theory's null-network file with the same canonical form up to a
 *                 scalar factor, if any
 * @param rejected numerical candidates that the proof refuted
 */
public record NullSearchResult(boolean found, String activation, String searched, StopReason stopReason,
        Optional<Network> network, String relation, Optional<NullProof> proof, Optional<String> listed,
        String theorem, List<String> rejected) {

    static NullSearchResult found(Theory theory, String searched, Network net, String relation, NullProof proof,
            List<String> rejected) {
        return new NullSearchResult(true, theory.name(), searched, new StopReason.Found(), Optional.of(net), relation,
                Optional.of(proof), listedAs(theory, net), "", List.copyOf(rejected));
    }

    static NullSearchResult none(Theory theory, String searched, StopReason stopReason, List<String> rejected) {
        return new NullSearchResult(false, theory.name(), searched, stopReason, Optional.empty(), "", Optional.empty(),
                Optional.empty(), theorem(theory), List.copyOf(rejected));
    }

    /** The theorem that rules out null networks everywhere, or the honest "not proved". */
    private static String theorem(Theory theory) {
        NullFreeness nf = theory.nullFreeness();
        if (nf.status() == NullFreeness.Status.PROVED) {
            String by = nf.citation().map(c -> "cited: " + c)
                    .orElse(nf.byRelation().map(r -> "through its affine relation to " + r).orElse(""));
            return "none exists anywhere: " + theory.name() + " is null-free (docs/math.md §4.2; " + by + ")";
        }
        if (nf.status() == NullFreeness.Status.REFUTED) {
            return "null networks exist beyond this search: " + theory.name() + ".theory lists "
                    + String.join(", ", nf.nullNetworks().stream().map(NullFreeness.NullNetwork::file).toList());
        }
        return "not proved: no theorem rules out null networks of " + theory.name() + " outside the space searched";
    }

    /** The listed null network with the same canonical form as net up to a nonzero factor on the output. */
    private static Optional<String> listedAs(Theory theory, Network net) {
        Network c = canonical(theory, net);
        for (NullFreeness.NullNetwork known : theory.nullFreeness().nullNetworks()) {
            try {
                if (proportional(c, canonical(theory, known.network()))) {
                    return Optional.of(known.file());
                }
            } catch (RuntimeException unreadable) {
                // a listed file that cannot be read is reported by nnid theory verify, not here
            }
        }
        return Optional.empty();
    }

    private static Network canonical(Theory theory, Network net) {
        return Rewriter.canonicalise(net, Rules.of(theory), theory.normalForm()).network();
    }

    /** Equal hidden nodes, one output each, and output rows (weights and bias) proportional. */
    private static boolean proportional(Network a, Network b) {
        if (a.nodeCount() != b.nodeCount() || a.outputCount() != 1 || b.outputCount() != 1
                || a.inputCount() != b.inputCount()) {
            return false;
        }
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            if (a.isHidden(v)) {
                int w = b.indexOf(a.id(v));
                if (w < 0 || !b.isHidden(w) || !a.bias(v).equals(b.bias(w)) || !ids(a, a.incoming(v)).equals(ids(b, b.incoming(w)))) {
                    return false;
                }
            }
        }
        Map<String, Scalar> ra = ids(a, a.incoming(a.outputNode(0)));
        Map<String, Scalar> rb = ids(b, b.incoming(b.outputNode(0)));
        if (!ra.keySet().equals(rb.keySet()) || ra.isEmpty()) {
            return false;
        }
        String first = ra.keySet().iterator().next();
        Scalar factor = ra.get(first).divide(rb.get(first));
        for (String k : ra.keySet()) {
            if (ra.get(k).compareValue(rb.get(k).multiply(factor)) != 0) {
                return false;
            }
        }
        return a.bias(a.outputNode(0)).compareValue(b.bias(b.outputNode(0)).multiply(factor)) == 0;
    }

    /** Sources by id, inputs by position (input names do not matter). */
    private static Map<String, Scalar> ids(Network n, Map<Integer, Scalar> in) {
        Map<String, Scalar> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(n.isInput(k) ? "input " + k : n.id(k), v));
        return out;
    }

    /** The report people read. */
    public String toText() {
        List<String> lines = new ArrayList<>();
        if (found) {
            NullProof p = proof.orElseThrow();
            lines.add("FOUND a null network for " + activation + " (" + p.level().words() + ")");
            lines.add("  relation: " + relation);
            lines.add("  proof:    " + p.detail());
            lines.add("  theory:   " + listed.map(f -> "already listed in " + activation + ".theory as " + f
                    + " (same canonical form up to a factor)").orElse("new: not among the null networks of "
                    + activation + ".theory"));
        } else {
            lines.add("NONE_FOUND for " + activation);
            lines.add("  theorem:  " + theorem);
        }
        lines.add("  searched: " + searched);
        lines.add("  stopped:  " + stopReason.text());
        rejected.forEach(r -> lines.add("  refuted candidate: " + r));
        if (found) {
            lines.add("network:");
            lines.add(NetworkJson.write(network.orElseThrow()).strip());
        }
        return String.join("\n", lines) + "\n";
    }

    /** The same as one JSON object (the network embedded in the nnid-network/1 format). */
    public String toJson() {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode o = m.createObjectNode();
        o.put("result", found ? "FOUND" : "NONE_FOUND");
        o.put("activation", activation);
        if (found) {
            o.put("relation", relation);
            o.put("proof_level", proof.orElseThrow().level().name());
            o.put("proof", proof.orElseThrow().detail());
            o.put("listed", listed.orElse(null));
            try {
                o.set("network", m.readTree(NetworkJson.write(network.orElseThrow())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("nnid wrote JSON it cannot read back", e);
            }
        } else {
            o.put("theorem", theorem);
        }
        o.put("searched", searched);
        o.put("stopped", stopReason.text());
        rejected.forEach(o.putArray("refuted_candidates")::add);
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
