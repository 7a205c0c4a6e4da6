package org.nnid.scalar;

/**
 * Doubles that can be read but not changed: a view of an array a {@link ScalarArray} keeps, for
 * the loops that read every weight of a network (evaluation, bounds). The class is final so that
 * {@link #get} compiles to a plain array read.
 */
public final class ReadOnlyDoubles {
    private final double[] values;

    /** Views {@code values}; the caller keeps the array to itself from now on. */
    ReadOnlyDoubles(double[] values) {
        this.values = values;
    }

    public int length() {
        return values.length;
    }

    public double get(int i) {
        return values[i];
    }

    /** A fresh copy of the values. */
    public double[] toArray() {
        return values.clone();
    }
}
