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

    /** The entries as doubles, read-only (for loops over every entry). */
    public abstract ReadOnlyDoubles asDoubles();

    /** The entries as doubles: a fresh copy, the caller's to change. */
    public double[] doubles() {
        return asDoubles().toArray();
    }

    /** Lower ends of rigorous enclosures of the entries, read-only. */
    public abstract ReadOnlyDoubles enclosureLo();

    /** Upper ends of rigorous enclosures of the entries, read-only. */
    public abstract ReadOnlyDoubles enclosureHi();

    /** Double data stored flat. */
    public static final class Doubles extends ScalarArray {
        private final double[] values;
        private final ReadOnlyDoubles view;

        /** {@code checked}: the caller has made every value finite and free of -0.0 already. */
        private Doubles(double[] values, boolean checked) {
            this.values = checked ? values : normalised(values);
            this.view = new ReadOnlyDoubles(this.values);
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
        @Override public ReadOnlyDoubles asDoubles() { return view; }
        @Override public ReadOnlyDoubles enclosureLo() { return view; }
        @Override public ReadOnlyDoubles enclosureHi() { return view; }
    }

    /** Exact or mixed data; double views and enclosures are computed once, on first use. */
    public static final class Boxed extends ScalarArray {
        private final Scalar[] values;
        private volatile ReadOnlyDoubles doubles;
        private volatile ReadOnlyDoubles[] enclosure;

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
        @Override public double getDouble(int i) { return asDoubles().get(i); }

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
        public ReadOnlyDoubles asDoubles() {
            ReadOnlyDoubles d = doubles;
            if (d == null) {
                double[] v = new double[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = values[i].toDouble();
                }
                d = new ReadOnlyDoubles(v);
                doubles = d;
            }
            return d;
        }

        private ReadOnlyDoubles[] enclosures() {
            ReadOnlyDoubles[] e = enclosure;
            if (e == null) {
                double[] lo = new double[values.length];
                double[] hi = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    Interval iv = values[i].enclosure();
                    lo[i] = iv.lo();
                    hi[i] = iv.hi();
                }
                e = new ReadOnlyDoubles[] {new ReadOnlyDoubles(lo), new ReadOnlyDoubles(hi)};
                enclosure = e;
            }
            return e;
        }

        @Override public ReadOnlyDoubles enclosureLo() { return enclosures()[0]; }
        @Override public ReadOnlyDoubles enclosureHi() { return enclosures()[1]; }
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
