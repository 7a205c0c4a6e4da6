package org.nnid.equiv;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * Compares two canonical forms value by value: the same graph (node ids, edges, output
 * activation), and the largest difference of corresponding values relative to max(1, |x|, |y|),
 * the tolerance convention of the rewrite engine. Exact values that differ are an infinite
 * difference: only doubles are ever "close".
 */
record FormComparison(Optional<String> structuralDifference, double largestDifference, String where) {

    boolean sameGraph() {
        return structuralDifference.isEmpty();
    }

    boolean within(double tolerance) {
        return sameGraph() && largestDifference <= tolerance;
    }

    static FormComparison of(Network a, Network b) {
        if (a.inputCount() != b.inputCount() || a.outputCount() != b.outputCount()) {
            return structural("input or output counts differ");
        }
        if (a.outputActivation() != b.outputActivation()) {
            return structural("one applies the activation at its outputs, the other does not");
        }
        if (a.nodeCount() != b.nodeCount()) {
            return structural("A's canonical form has " + a.hiddenCount() + " hidden nodes, B's " + b.hiddenCount());
        }
        TreeSet<String> ids = new TreeSet<>();
        for (int v = a.inputCount(); v < a.nodeCount(); v++) {
            ids.add(a.id(v));
        }
        double largest = 0;
        String where = "";
        for (String id : ids) {
            int va = a.indexOf(id);
            int vb = b.indexOf(id);
            if (vb < 0 || a.isOutput(va) != b.isOutput(vb)) {
                return structural("node " + id + " is not in both canonical forms");
            }
            Map<Integer, Scalar> ia = a.incoming(va);
            Map<Integer, Scalar> ib = b.incoming(vb);
            TreeSet<String> sa = new TreeSet<>();
            TreeSet<String> sb = new TreeSet<>();
            ia.keySet().forEach(s -> sa.add(a.id(s)));
            ib.keySet().forEach(s -> sb.add(b.id(s)));
            if (!sa.equals(sb)) {
                return structural("node " + id + " reads " + sa + " in A and " + sb + " in B");
            }
            double d = difference(a.bias(va), b.bias(vb));
            if (d > largest) {
                largest = d;
                where = "bias of " + id + ": " + a.bias(va).toText() + " vs " + b.bias(vb).toText();
            }
            for (Map.Entry<Integer, Scalar> e : ia.entrySet()) {
                String src = a.id(e.getKey());
                Scalar wb = ib.get(b.indexOf(src));
                d = difference(e.getValue(), wb);
                if (d > largest) {
                    largest = d;
                    where = "weight " + src + " → " + id + ": " + e.getValue().toText() + " vs " + wb.toText();
                }
            }
        }
        return new FormComparison(Optional.empty(), largest, where);
    }

    private static FormComparison structural(String why) {
        return new FormComparison(Optional.of(why), Double.POSITIVE_INFINITY, why);
    }

    private static double difference(Scalar x, Scalar y) {
        if (x.isExact() && y.isExact()) {
            return x.equals(y) || x.compareValue(y) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double p = x.toDouble();
        double q = y.toDouble();
        if (p == q) {
            return 0;
        }
        return Math.abs(p - q) / Math.max(1.0, Math.max(Math.abs(p), Math.abs(q)));
    }
}
