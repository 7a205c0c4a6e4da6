package org.nnid.equiv;

import java.util.Arrays;

/** An axis-parallel input box: the domain on which a user wants two networks compared. */
public record Box(double[] lo, double[] hi) {
    public Box {
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("box: " + lo.length + " lower and " + hi.length + " upper bounds");
        }
        for (int i = 0; i < lo.length; i++) {
            if (!(lo[i] <= hi[i]) || Double.isInfinite(lo[i]) || Double.isInfinite(hi[i])) {
                throw new IllegalArgumentException("box: coordinate " + (i + 1) + ": expected finite LO <= HI, found "
                        + lo[i] + ", " + hi[i]);
            }
        }
        lo = lo.clone();
        hi = hi.clone();
    }

    /**
     * "LO,HI" (the same interval for every one of {@code dims} coordinates) or
     * "LO1,HI1;LO2,HI2;…" (one interval per coordinate), read exactly as coordinates are: 0.1 is
     * 1/10, and 1/3 or Pi/4 work too. The checker rounds it inwards for witnesses and outwards for
     * bounds ({@link Domain}).
     *
     * @throws IllegalArgumentException with a one-line message when the text is not a box
     */
    public static org.nnid.net.InputBox parse(String text, int dims) {
        String[] parts = text.split(";", -1);
        String shown = org.nnid.scalar.Scalar.quoted(text);
        if (parts.length != 1 && parts.length != dims) {
            throw new IllegalArgumentException("--box '" + shown + "': expected LO,HI or " + dims
                    + " intervals LO,HI separated by ';'");
        }
        java.util.List<org.nnid.scalar.Scalar> lo = new java.util.ArrayList<>();
        java.util.List<org.nnid.scalar.Scalar> hi = new java.util.ArrayList<>();
        for (int i = 0; i < dims; i++) {
            String part = parts[parts.length == 1 ? 0 : i];
            String[] lh = part.split(",", -1);
            if (lh.length != 2) {
                throw new IllegalArgumentException("--box '" + shown + "': expected LO,HI, found '" + org.nnid.scalar.Scalar.quoted(part) + "'");
            }
            try {
                lo.add(org.nnid.scalar.Scalar.parseExact(lh[0]));
                hi.add(org.nnid.scalar.Scalar.parseExact(lh[1]));
            } catch (org.nnid.scalar.ScalarFormatException e) {
                throw new IllegalArgumentException("--box '" + shown + "': " + e.getMessage());
            }
            for (int side = 0; side < 2; side++) {
                org.nnid.scalar.Interval e = (side == 0 ? lo : hi).get(i).enclosure();
                if (Double.isInfinite(e.lo()) || Double.isInfinite(e.hi())) {
                    throw new IllegalArgumentException("--box '" + shown + "': coordinate " + (i + 1) + ": "
                            + (side == 0 ? "LO " : "HI ") + org.nnid.scalar.Scalar.quoted(lh[side].strip()) + " lies beyond the largest double ("
                            + Double.MAX_VALUE + "): a box is finite; --box all compares on all of R^" + dims);
                }
            }
            if (lo.get(i).compareValue(hi.get(i)) > 0) {
                throw new IllegalArgumentException("--box '" + shown + "': coordinate " + (i + 1)
                        + ": expected LO <= HI, found " + org.nnid.scalar.Scalar.quoted(lh[0].strip()) + ", "
                        + org.nnid.scalar.Scalar.quoted(lh[1].strip()));
            }
        }
        return new org.nnid.net.InputBox(lo, hi);
    }

    /** Whether x lies in the box (sides included). */
    public boolean contains(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!(lo[i] <= x[i] && x[i] <= hi[i])) {
                return false;
            }
        }
        return true;
    }

    public int dims() {
        return lo.length;
    }

    double[] clamp(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(hi[i], Math.max(lo[i], y[i]));
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(lo, b.lo) && Arrays.equals(hi, b.hi);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lo) + Arrays.hashCode(hi);
    }

    @Override
    public String toString() {
        return Points.box(lo, hi);
    }
}
