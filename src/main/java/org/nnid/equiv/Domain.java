package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nnid.net.InputBox;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

/**
 * Where two networks are compared: all of R^m, or a box (the user's {@code --box}, or the input box
 * the networks declare). A declared box whose bounds are not doubles is held twice: {@code inner},
 * rounded inwards, is where witnesses are looked for (so a witness lies in the declared box), and
 * {@code outer}, rounded outwards, is what bounds cover (so a bound holds on the declared box).
 */
public record Domain(Optional<Box> inner, Optional<Box> outer, String description) {

    public static Domain everywhere(int inputs) {
        return new Domain(Optional.empty(), Optional.empty(), "all of R^" + inputs);
    }

    public static Domain of(Box box, String origin) {
        return new Domain(Optional.of(box), Optional.of(box), "the box " + box + " (" + origin + ")");
    }

    public boolean isEverywhere() {
        return inner.isEmpty();
    }

    /**
     * Whether the domain has interior points: then two real-analytic functions equal on it are
     * equal everywhere, so a difference proved on all of R^m is a difference on the domain.
     */
    public boolean isOpen() {
        if (inner.isEmpty()) {
            return true;
        }
        Box b = inner.get();
        for (int i = 0; i < b.dims(); i++) {
            if (!(b.lo()[i] < b.hi()[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The domain of a comparison: the given box (read exactly: {@code --box 0.1,0.2} is
     * [1/10, 1/5]); or all of R^m when asked; or else the input box the networks declare (their
     * intersection when both declare one), or all of R^m when neither does.
     *
     * @throws IllegalArgumentException when the declared boxes do not meet
     */
    static Domain resolve(Optional<InputBox> given, boolean everywhere, Network a, Network b) {
        if (given.isPresent()) {
            return ofBoxes(List.of(given.get()), "--box");
        }
        if (everywhere || (a.inputBox().isEmpty() && b.inputBox().isEmpty())) {
            return everywhere(a.inputCount());
        }
        List<InputBox> declared = new ArrayList<>();
        a.inputBox().ifPresent(declared::add);
        b.inputBox().ifPresent(declared::add);
        String origin = a.inputBox().isPresent() && b.inputBox().isPresent()
                ? (a.inputBox().equals(b.inputBox()) ? "declared by both networks"
                        : "the intersection of the boxes A and B declare")
                : (a.inputBox().isPresent() ? "declared by A" : "declared by B");
        return ofBoxes(declared, origin);
    }

    /**
     * The intersection of exact boxes, in doubles twice: inner bounds lie inside every box
     * (the largest rounded-up lower bound, the smallest rounded-down upper bound) and outer
     * bounds contain the intersection.
     */
    private static Domain ofBoxes(List<InputBox> boxes, String origin) {
        int m = boxes.get(0).dimension();
        double[] innerLo = new double[m];
        double[] innerHi = new double[m];
        double[] outerLo = new double[m];
        double[] outerHi = new double[m];
        for (int i = 0; i < m; i++) {
            innerLo[i] = outerLo[i] = Double.NEGATIVE_INFINITY;
            innerHi[i] = outerHi[i] = Double.POSITIVE_INFINITY;
            for (InputBox box : boxes) {
                Interval l = box.lower().get(i).enclosure();
                Interval h = box.upper().get(i).enclosure();
                innerLo[i] = Math.max(innerLo[i], l.hi());
                outerLo[i] = Math.max(outerLo[i], l.lo());
                innerHi[i] = Math.min(innerHi[i], h.lo());
                outerHi[i] = Math.min(outerHi[i], h.hi());
            }
            if (!(innerLo[i] <= innerHi[i])) {
                throw new IllegalArgumentException("the input boxes do not meet in input " + (i + 1)
                        + " (or are narrower than a double can hold): compare on a --box of your own, or on all of"
                        + " R^" + m + " with --box all");
            }
        }
        Box inner = new Box(innerLo, innerHi);
        Box outer = new Box(outerLo, outerHi);
        String text = inner.equals(outer) ? "the box " + inner + " (" + origin + ")"
                : "the box " + outer + " (" + origin + "; its bounds are not doubles: witnesses are sought in "
                        + inner + ", bounds cover " + outer + ")";
        return new Domain(Optional.of(inner), Optional.of(outer), text);
    }
}
