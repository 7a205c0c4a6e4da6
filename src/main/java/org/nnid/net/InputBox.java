package org.nnid.net;

import java.util.List;

import org.nnid.scalar.Scalar;

/**
 * The input box a network declares as its domain: lower[i] ≤ x_i ≤ upper[i]. It is not part of
 * the function (docs/math.md §1: a network is a function on all of R^m); it records where the network
 * is meant to be used, as NNet files' input clipping does, so that a checker can restrict a
 * comparison to it.
 */
public record InputBox(List<Scalar> lower, List<Scalar> upper) {

    public InputBox {
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
        if (lower.size() != upper.size()) {
            throw new IllegalArgumentException("input box: " + lower.size() + " lower bounds but " + upper.size()
                    + " upper bounds");
        }
        for (int i = 0; i < lower.size(); i++) {
            if (lower.get(i).compareValue(upper.get(i)) > 0) {
                throw new IllegalArgumentException("input box: lower bound " + lower.get(i).toText()
                        + " of input " + (i + 1) + " exceeds its upper bound " + upper.get(i).toText());
            }
        }
    }

    public int dimension() {
        return lower.size();
    }
}
