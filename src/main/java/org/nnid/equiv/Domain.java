package org.nnid.equiv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nnid.net.InputBox;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;

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
     * The domain of a comparison: the given box; or all of R^m when asked; or else the input box
     * the networks declare (their intersection when both declare one), or all of R^m when neither
     * does.
     *
     * @throws IllegalArgumentException when the declared boxes do not meet
     */
    static Domain resolve(Optional<Box> given, boolean everywhere, Network a, Network b) {
        if (given.isPresent()) {
            return of(given.get(), "--box");
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
        int m = a.inputCount();
        double[] innerLo = new double[m];
        double[] innerHi = new double[m];
        double[] outerLo = new double[m];
        double[] outerHi = new double[m];
        for (int i = 0; i < m; i++) {
            Interval lo = Interval.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
            Interval hi = Interval.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            for (InputBox box : declared) {
                Interval l = enclosure(box.lower().get(i));
                Interval h = enclosure(box.upper().get(i));
                lo = l.lo() > lo.lo() ? l : lo;
                hi = h.hi() < hi.hi() ? h : hi;
            }
            innerLo[i] = lo.hi();
            innerHi[i] = hi.lo();
            outerLo[i] = lo.lo();
            outerHi[i] = hi.hi();
            if (!(innerLo[i] <= innerHi[i])) {
                throw new IllegalArgumentException("the input boxes of A and B do not meet in input " + (i + 1)
                        + ": compare on a --box of your own, or on all of R^" + m + " with --box all");
            }
        }
        Box inner = new Box(innerLo, innerHi);
        Box outer = new Box(outerLo, outerHi);
        String text = inner.equals(outer) ? "the box " + inner + " (" + origin + ")"
                : "the box " + outer + " (" + origin + "; its bounds are not doubles: witnesses are sought in "
                        + inner + ", bounds cover " + outer + ")";
        return new Domain(Optional.of(inner), Optional.of(outer), text);
    }

    private static Interval enclosure(Scalar s) {
        return s.enclosure();
    }
}
