package org.nnid.equiv;

/** Formatting of points and boxes in verdicts (shortest round-trip decimal for each double). */
final class Points {
    private Points() {}

    static String format(double[] x) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            if (i == 8 && x.length > 10) {
                s.append("… ").append(x.length - 8).append(" more");
                break;
            }
            s.append(x[i]);
        }
        return s.append(')').toString();
    }

    static String box(double[] lo, double[] hi) {
        boolean uniform = true;
        for (int i = 1; i < lo.length; i++) {
            uniform &= lo[i] == lo[0] && hi[i] == hi[0];
        }
        if (uniform) {
            return "[" + lo[0] + ", " + hi[0] + "]^" + lo.length;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lo.length; i++) {
            s.append(i == 0 ? "" : " × ").append('[').append(lo[i]).append(", ").append(hi[i]).append(']');
        }
        return s.toString();
    }
}
