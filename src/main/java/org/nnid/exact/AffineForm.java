package org.nnid.exact;

import java.util.Arrays;
import java.util.Optional;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * An exact affine function a·x + c of n variables, with rational coefficients. Immutable. It is
 * the value of a piecewise-linear network's node on one linear region, and the left side of a
 * region's constraints "form ≥ 0".
 */
public final class AffineForm {
    private final BigFraction[] coefficients;
    private final BigFraction constant;

    private AffineForm(BigFraction[] coefficients, BigFraction constant) {
        this.coefficients = coefficients;
        this.constant = constant;
    }

    public static AffineForm of(BigFraction[] coefficients, BigFraction constant) {
        return new AffineForm(coefficients.clone(), constant);
    }

    public static AffineForm constant(int n, BigFraction c) {
        BigFraction[] a = new BigFraction[n];
        Arrays.fill(a, BigFraction.ZERO);
        return new AffineForm(a, c);
    }

    public static AffineForm variable(int n, int j) {
        AffineForm f = constant(n, BigFraction.ZERO);
        f.coefficients[j] = BigFraction.ONE;
        return f;
    }

    public int dimension() {
        return coefficients.length;
    }

    public BigFraction coefficient(int j) {
        return coefficients[j];
    }

    public BigFraction constant() {
        return constant;
    }

    public AffineForm plus(AffineForm g) {
        BigFraction[] a = new BigFraction[coefficients.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = coefficients[j].add(g.coefficients[j]);
        }
        return new AffineForm(a, constant.add(g.constant));
    }

    /** this + c·g, the step of every weighted sum. */
    public AffineForm plusTimes(BigFraction c, AffineForm g) {
        if (c.equals(BigFraction.ZERO)) {
            return this;
        }
        BigFraction[] a = new BigFraction[coefficients.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = g.coefficients[j].equals(BigFraction.ZERO) ? coefficients[j] : coefficients[j].add(g.coefficients[j].multiply(c));
        }
        return new AffineForm(a, constant.add(g.constant.multiply(c)));
    }

    public AffineForm times(BigFraction c) {
        BigFraction[] a = new BigFraction[coefficients.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = coefficients[j].multiply(c);
        }
        return new AffineForm(a, constant.multiply(c));
    }

    public AffineForm negate() {
        return times(BigFraction.MINUS_ONE);
    }

    public boolean isConstant() {
        for (BigFraction a : coefficients) {
            if (Rationals.sign(a) != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isZero() {
        return Rationals.sign(constant) == 0 && isConstant();
    }

    public BigFraction at(BigFraction[] x) {
        BigFraction s = constant;
        for (int j = 0; j < coefficients.length; j++) {
            if (Rationals.sign(coefficients[j]) != 0) {
                s = s.add(coefficients[j].multiply(x[j]));
            }
        }
        return s;
    }

    /** The exact minimum over the box: each term at the corner that makes it smallest. */
    public BigFraction minOver(ExactBox box) {
        BigFraction s = constant;
        for (int j = 0; j < coefficients.length; j++) {
            int sign = Rationals.sign(coefficients[j]);
            if (sign != 0) {
                s = s.add(coefficients[j].multiply(sign > 0 ? box.lo(j) : box.hi(j)));
            }
        }
        return s;
    }

    public BigFraction maxOver(ExactBox box) {
        return negate().minOver(box).negate();
    }

    /** c with this = c·g exactly, when there is one (g not zero). */
    public Optional<BigFraction> ratioTo(AffineForm g) {
        BigFraction c = null;
        for (int j = 0; j <= coefficients.length; j++) {
            BigFraction mine = j < coefficients.length ? coefficients[j] : constant;
            BigFraction theirs = j < coefficients.length ? g.coefficients[j] : g.constant;
            if (Rationals.sign(theirs) == 0) {
                if (Rationals.sign(mine) != 0) {
                    return Optional.empty();
                }
            } else if (c == null) {
                c = mine.divide(theirs);
            } else if (!mine.equals(theirs.multiply(c))) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AffineForm f && constant.equals(f.constant) && Arrays.equals(coefficients, f.coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coefficients) + constant.hashCode();
    }

    /** The form in nnid's exact values, for people and saved data: {@code x1 - 1/2*x2 + 3}. */
    public String text() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j <= coefficients.length; j++) {
            BigFraction c = j < coefficients.length ? coefficients[j] : constant;
            if (Rationals.sign(c) == 0) {
                continue;
            }
            String magnitude = org.nnid.scalar.Rational.of(c.abs()).toText();
            String term = j == coefficients.length ? magnitude : (magnitude.equals("1") ? "" : magnitude + "*") + "x" + (j + 1);
            s.append(s.length() == 0 ? (Rationals.sign(c) < 0 ? "-" : "") : Rationals.sign(c) < 0 ? " - " : " + ").append(term);
        }
        return s.length() == 0 ? "0" : s.toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < coefficients.length; j++) {
            if (Rationals.sign(coefficients[j]) != 0) {
                s.append(s.length() == 0 ? "" : " + ").append(coefficients[j]).append("*x").append(j + 1);
            }
        }
        return s.append(s.length() == 0 ? "" : " + ").append(constant).toString();
    }
}
