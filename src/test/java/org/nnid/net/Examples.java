package org.nnid.net;

import java.util.List;

import org.nnid.scalar.Scalar;
import org.nnid.activation.Activations;

/** The worked examples of docs/math.md §9, built in code. */
public final class Examples {
    private Examples() {}

    static Scalar[][] m(double[][] rows) {
        Scalar[][] s = new Scalar[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            s[i] = v(rows[i]);
        }
        return s;
    }

    static Scalar[] v(double... xs) {
        Scalar[] s = new Scalar[xs.length];
        for (int i = 0; i < xs.length; i++) {
            s[i] = Scalar.of(xs[i]);
        }
        return s;
    }

    /** E1 N₁: W1=[[1],[2]], b1=[0.5,−1], W2=[[3,−1]], b2=[0.25] with the given activation. */
    public static Network e1(String activation) {
        return Network.layered(Activations.byName(activation), 1, List.of(
                Layer.of(m(new double[][] {{1}, {2}}), v(0.5, -1)),
                Layer.of(m(new double[][] {{3, -1}}), v(0.25))), false);
    }

    /** E1 N₂ (tanh): W1=[[1],[−2]], b1=[0.5,1], W2=[[3,1]], b2=[0.25]. */
    public static Network e1Flipped() {
        return Network.layered(Activations.byName("tanh"), 1, List.of(
                Layer.of(m(new double[][] {{1}, {-2}}), v(0.5, 1)),
                Layer.of(m(new double[][] {{3, 1}}), v(0.25))), false);
    }

    /** E2 N₂ (logistic): W1=[[1],[−2]], b1=[0.5,1], W2=[[3,1]], b2=[−0.75]. */
    public static Network e2Flipped() {
        return Network.layered(Activations.byName("logistic"), 1, List.of(
                Layer.of(m(new double[][] {{1}, {-2}}), v(0.5, 1)),
                Layer.of(m(new double[][] {{3, 1}}), v(-0.75))), false);
    }

    /** E7 with exact weights: tanh(x), tanh(x), tanh(2x−1); rows [[1,−1,0],[1,0,1]], biases [3/10,0]; output [[2,1]], −1/2. */
    public static Network e7() {
        Scalar one = Scalar.ONE;
        Scalar zero = Scalar.ZERO;
        return Network.layered(Activations.byName("tanh"), 1, List.of(
                Layer.of(new Scalar[][] {{one}, {one}, {Scalar.of(2)}}, new Scalar[] {zero, zero, Scalar.of(-1)}),
                Layer.of(new Scalar[][] {{one, Scalar.of(-1), zero}, {one, zero, one}},
                        new Scalar[] {Scalar.of(3, 10), zero}),
                Layer.of(new Scalar[][] {{Scalar.of(2), one}}, new Scalar[] {Scalar.of(-1, 2)})), false);
    }
}
