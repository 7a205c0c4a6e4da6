package org.nnid.scalar;

import java.util.Arrays;

/**
 * An immutable array of scalars. Double data is stored as a plain {@code double[]} so that dense
 * networks with millions of weights cost eight bytes a weight; exact or mixed data is stored boxed.
 */
public abstract sealed class ScalarArray permits ScalarArray.Doubles, ScalarArray.Boxed {

    public static ScalarArray ofDoubles(double[] values) {
        return new Doubles(values.clone(), false);
    }

    /** Takes ownership of the array: the caller must not change it afterwards. */
    public static ScalarArray wrapDoubles(double[] values) {
        return new Doubles(values, false);
    }

    /**
     * Takes ownership of an array whose values its caller has already made finite and free of
     * -0.0 (what {@link #wrapDoubles} establishes in one more pass over the data); checked only
     * with assertions enabled. The caller must not change the array afterwards.
     */
    public static ScalarArray wrapCheckedDoubles(double[] values) {
        assert Arrays.stream(values).allMatch(v -> Double.isFinite(v) && Double.doubleToRawLongBits(v) != Long.MIN_VALUE)
                : "a value is not finite, or is -0.0";
        return new Doubles(values, true);
    }

    /** Stores all-double data unboxed. */
    public static ScalarArray of(Scalar[] values) {
        boolean allDouble = true;
        for (Scalar s : values) {
            allDouble &= s instanceof DoubleScalar;
        }
        if (allDouble) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i].toDouble();
            }
            return new Doubles(d, false);
        }
        return new Boxed(values.clone());
    }

    public static ScalarArray of(java.util.List<? extends Scalar> values) {
        return of(values.toArray(new Scalar[0]));
    }

    public abstract int length();

    public abstract Scalar get(int i);

    public abstract double getDouble(int i);

    /** True when entry i is a structural zero (a double 0 or the rational 0). */
    public abstract boolean isZero(int i);

    /** True when every entry is exact. */
    public abstract boolean isExact();

    /** The entries as doubles; the returned array is shared and must not be changed. */
    public abstract double[] doubles();

    /** Lower ends of rigorous enclosures of the entries; shared, must not be changed. */
    public abstract double[] enclosureLo();

    /** Upper ends of rigorous enclosures of the entries; shared, must not be changed. */
    public abstract double[] enclosureHi();

    /** Double data stored flat. */
    public static final class Doubles extends ScalarArray {
        private final double[] values;

        /** {@code checked}: the caller has made every value finite and free of -0.0 already. */
        private Doubles(double[] values, boolean checked) {
            this.values = checked ? values : normalised(values);
        }

        private static double[] normalised(double[] values) {
            // One read of the data, writing only -0.0 (as 0.0, the same weight): arrays here are large.
            boolean finite = true;
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                finite &= Math.abs(v) <= Double.MAX_VALUE;
                if (v == 0.0) {
                    values[i] = 0.0;
                }
            }
            if (!finite) {
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        throw new ScalarFormatException("not a finite number: " + v);
                    }
                }
            }
            return values;
        }

        @Override public int length() { return values.length; }
        @Override public Scalar get(int i) { return DoubleScalar.of(values[i]); }
        @Override public double getDouble(int i) { return values[i]; }
        @Override public boolean isZero(int i) { return values[i] == 0.0; }
        @Override public boolean isExact() { return values.length == 0; }
        @Override public double[] doubles() { return values; }
        @Override public double[] enclosureLo() { return values; }
        @Override public double[] enclosureHi() { return values; }
    }

    /** Exact or mixed data; double views and enclosures are computed once, on first use. */
    public static final class Boxed extends ScalarArray {
        private final Scalar[] values;
        private volatile double[] doubles;
        private volatile double[][] enclosure;

        private Boxed(Scalar[] values) {
            for (Scalar s : values) {
                if (s == null) {
                    throw new IllegalArgumentException("null scalar");
                }
            }
            this.values = values;
        }

        @Override public int length() { return values.length; }
        @Override public Scalar get(int i) { return values[i]; }
        @Override public double getDouble(int i) { return doubles()[i]; }

        @Override
        public boolean isZero(int i) {
            return values[i].isStructuralZero();
        }

        @Override
        public boolean isExact() {
            for (Scalar s : values) {
                if (!s.isExact()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public double[] doubles() {
            double[] d = doubles;
            if (d == null) {
                d = new double[values.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = values[i].toDouble();
                }
                doubles = d;
            }
            return d;
        }

        private double[][] enclosures() {
            double[][] e = enclosure;
            if (e == null) {
                e = new double[2][values.length];
                for (int i = 0; i < values.length; i++) {
                    Interval iv = values[i].enclosure();
                    e[0][i] = iv.lo();
                    e[1][i] = iv.hi();
                }
                enclosure = e;
            }
            return e;
        }

        @Override public double[] enclosureLo() { return enclosures()[0]; }
        @Override public double[] enclosureHi() { return enclosures()[1]; }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < length(); i++) {
            b.append(i == 0 ? "" : ", ").append(get(i).toText());
        }
        return b.append(']').toString();
    }

    /** Entry-wise equality of values with structural zeros identified. */
    public boolean sameEntries(ScalarArray other) {
        if (other.length() != length()) {
            return false;
        }
        if (this instanceof Doubles a && other instanceof Doubles b) {
            return Arrays.equals(a.values, b.values);
        }
        for (int i = 0; i < length(); i++) {
            if (!(isZero(i) && other.isZero(i)) && !get(i).equals(other.get(i))) {
                return false;
            }
        }
        return true;
    }
}
