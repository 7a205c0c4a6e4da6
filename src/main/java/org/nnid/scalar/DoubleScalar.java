package org.nnid.scalar;

/** A double weight. Equality is by bit pattern except that 0.0 and -0.0 are the same weight. */
public record DoubleScalar(double value) implements Scalar {

    public DoubleScalar {
        if (!Double.isFinite(value)) {
            throw new ScalarFormatException("not a finite number: " + value);
        }
        value = value + 0.0; // -0.0 becomes 0.0: the two are the same weight
    }

    public static DoubleScalar of(double value) {
        return new DoubleScalar(value);
    }

    @Override
    public Scalar add(Scalar other) {
        return of(value + other.toDouble());
    }

    @Override
    public Scalar subtract(Scalar other) {
        return of(value - other.toDouble());
    }

    @Override
    public Scalar multiply(Scalar other) {
        return of(value * other.toDouble());
    }

    @Override
    public Scalar divide(Scalar other) {
        double d = other.toDouble();
        if (d == 0.0) {
            throw new ArithmeticException("division by zero");
        }
        return of(value / d);
    }

    @Override
    public Scalar negate() {
        return of(-value);
    }

    @Override
    public int signum() {
        return (int) Math.signum(value);
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public double toDouble() {
        return value;
    }

    @Override
    public Interval enclosure() {
        return Interval.point(value);
    }

    @Override
    public String toText() {
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return toText();
    }
}
