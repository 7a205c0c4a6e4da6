package org.nnid.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;

/**
 * How a classifier reads its outputs: one output against a threshold (class 1 iff y ≥ T), or the
 * argmax of several outputs (ties go to the lowest index). Robustness is then a statement about
 * {@link Margin}s: the class at x₀ stays while every margin is positive.
 */
public sealed interface Decision permits Decision.Threshold, Decision.Argmax {

    /** Class 1 iff the single output is ≥ t; t is exact when the user wrote it exactly. */
    record Threshold(Scalar t) implements Decision {
        @Override
        public int classOf(double[] y) {
            return y[0] >= t.toDouble() ? 1 : 0;
        }

        @Override
        public Optional<Integer> provedClass(Interval[] y) {
            Interval tt = t.enclosure();
            if (y[0].lo() >= tt.hi()) {
                return Optional.of(1);
            }
            return y[0].hi() < tt.lo() ? Optional.of(0) : Optional.empty();
        }

        @Override
        public List<Margin> margins(int cls, int outputs) {
            // class 1 stays while y − T > 0; class 0 while T − y > 0.
            return List.of(cls == 1 ? new Margin(new int[] {1}, t.negate()) : new Margin(new int[] {-1}, t));
        }

        @Override
        public String describe(List<String> outputIds) {
            return "class 1 iff " + outputIds.get(0) + " >= " + t.toText() + ", else class 0";
        }
    }

    /** The class is the index of the largest output, the lowest index on ties. */
    record Argmax() implements Decision {
        @Override
        public int classOf(double[] y) {
            int best = 0;
            for (int k = 1; k < y.length; k++) {
                if (y[k] > y[best]) {
                    best = k;
                }
            }
            return best;
        }

        @Override
        public Optional<Integer> provedClass(Interval[] y) {
            for (int c = 0; c < y.length; c++) {
                boolean wins = true;
                for (int k = 0; k < y.length && wins; k++) {
                    wins = k == c || y[c].lo() > y[k].hi();
                }
                if (wins) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        @Override
        public List<Margin> margins(int cls, int outputs) {
            List<Margin> m = new ArrayList<>();
            for (int k = 0; k < outputs; k++) {
                if (k != cls) {
                    int[] a = new int[outputs];
                    a[cls] = 1;
                    a[k] = -1;
                    m.add(new Margin(a, Scalar.ZERO));
                }
            }
            return m;
        }

        @Override
        public String describe(List<String> outputIds) {
            return "class = index of the largest of " + String.join(", ", outputIds) + " (lowest index on ties)";
        }
    }

    /** The class in double arithmetic (used by attacks, whose findings are then proved). */
    int classOf(double[] y);

    /** The class, when the enclosures prove it; empty when they do not decide. */
    Optional<Integer> provedClass(Interval[] y);

    /**
     * Affine functions of the outputs, a·y + c, all positive wherever the class is {@code cls},
     * and one of them ≤ 0 wherever the class is any other (ties included).
     */
    List<Margin> margins(int cls, int outputs);

    String describe(List<String> outputIds);

    /** True when the enclosures prove that the class is not {@code cls}. */
    default boolean provesOtherThan(Interval[] y, int cls) {
        for (Margin m : margins(cls, y.length)) {
            if (m.enclose(y).hi() < 0) {
                return true;
            }
        }
        return provedClass(y).filter(c -> c != cls).isPresent();
    }

    /** a·y + c with small integer coefficients a (±1, 0) and an exact constant c. */
    record Margin(int[] a, Scalar c) {
        public double value(double[] y) {
            double s = c.toDouble();
            for (int k = 0; k < a.length; k++) {
                s += a[k] * y[k];
            }
            return s;
        }

        /** A rigorous enclosure of the margin over output enclosures. */
        public Interval enclose(Interval[] y) {
            Interval s = c.enclosure();
            for (int k = 0; k < a.length; k++) {
                if (a[k] != 0) {
                    s = s.add(y[k].scale(a[k]));
                }
            }
            return s;
        }
    }
}
