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
     * "LO1,HI1;LO2,HI2;…" (one interval per coordinate).
     *
     * @throws IllegalArgumentException with a one-line message when the text is not a box
     */
    public static Box parse(String text, int dims) {
        String[] parts = text.split(";", -1);
        if (parts.length != 1 && parts.length != dims) {
            throw new IllegalArgumentException("--box '" + text + "': expected LO,HI or " + dims
                    + " intervals LO,HI separated by ';'");
        }
        double[] lo = new double[dims];
        double[] hi = new double[dims];
        for (int i = 0; i < dims; i++) {
            String[] lh = parts[parts.length == 1 ? 0 : i].split(",", -1);
            if (lh.length != 2) {
                throw new IllegalArgumentException("--box '" + text + "': expected LO,HI, found '"
                        + parts[parts.length == 1 ? 0 : i] + "'");
            }
            try {
                lo[i] = Double.parseDouble(lh[0].strip());
                hi[i] = Double.parseDouble(lh[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--box '" + text + "': not a number in '" + parts[parts.length == 1 ? 0 : i] + "'");
            }
        }
        return new Box(lo, hi);
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
