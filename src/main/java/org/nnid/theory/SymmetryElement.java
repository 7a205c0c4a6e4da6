package org.nnid.theory;

import java.util.ArrayList;
import java.util.List;

import org.nnid.scalar.Scalar;

/**
 * An element s = (a, b, c, d) of the affine symmetry group S_ρ (docs/math.md §2): a, c ≠ 0 and
 * ρ(a·t + b) = c·ρ(t) + d for all real t. Applied at a node (move M2, docs/math.md §3) it maps the
 * incoming vector (w, θ) to (a·w, a·θ + b), after which the node outputs c·h + d.
 *
 * <p>Whether the identity holds is a fact about ρ that {@link TheoryVerifier} checks; this class
 * is the group's arithmetic only, exact whenever its entries are.
 */
public record SymmetryElement(Scalar a, Scalar b, Scalar c, Scalar d) {

    private static final SymmetryElement IDENTITY = new SymmetryElement(Scalar.ONE, Scalar.ZERO, Scalar.ONE, Scalar.ZERO);

    public SymmetryElement {
        if (a == null || b == null || c == null || d == null) {
            throw new IllegalArgumentException("null entry in a symmetry element");
        }
        if (ScalarOps.isZero(a) || ScalarOps.isZero(c)) {
            throw new IllegalArgumentException("a symmetry element needs a ≠ 0 and c ≠ 0, got (" + a.toText() + ","
                    + b.toText() + "," + c.toText() + "," + d.toText() + ")");
        }
    }

    public static SymmetryElement identity() {
        return IDENTITY;
    }

    public static SymmetryElement of(Scalar a, Scalar b, Scalar c, Scalar d) {
        return new SymmetryElement(a, b, c, d);
    }

    /** Parses four exact values ("-1", "Pi", "1/2"). */
    public static SymmetryElement parse(String a, String b, String c, String d) {
        return new SymmetryElement(Scalar.parseExact(a), Scalar.parseExact(b), Scalar.parseExact(c), Scalar.parseExact(d));
    }

    /**
     * The product this·other = (a₁a₂, a₁b₂ + b₁, c₁c₂, c₁d₂ + d₁) (docs/math.md §2): apply {@code other}
     * first, then this.
     */
    public SymmetryElement compose(SymmetryElement other) {
        return new SymmetryElement(a.multiply(other.a), a.multiply(other.b).add(b), c.multiply(other.c),
                c.multiply(other.d).add(d));
    }

    /** (1/a, −b/a, 1/c, −d/c). */
    public SymmetryElement inverse() {
        return new SymmetryElement(Scalar.ONE.divide(a), b.negate().divide(a),
                Scalar.ONE.divide(c), d.negate().divide(c));
    }

    /** The incoming side of move M2: (w, θ) ↦ (a·w, a·θ + b). */
    public Incoming apply(Incoming in) {
        List<Scalar> w = new ArrayList<>(in.weights().size());
        for (Scalar x : in.weights()) {
            w.add(a.multiply(x));
        }
        return new Incoming(w, applyToBias(in.bias()));
    }

    /** The bias side of move M2: θ ↦ a·θ + b. */
    public Scalar applyToBias(Scalar theta) {
        return a.multiply(theta).add(b);
    }

    public boolean isIdentity() {
        return Incoming.sameValue(a, Scalar.ONE) && ScalarOps.isZero(b) && Incoming.sameValue(c, Scalar.ONE)
                && ScalarOps.isZero(d);
    }

    public boolean isExact() {
        return a.isExact() && b.isExact() && c.isExact() && d.isExact();
    }

    /** Equality of the four values (see {@link Incoming#sameValues}). */
    public boolean sameValues(SymmetryElement o) {
        return Incoming.sameValue(a, o.a) && Incoming.sameValue(b, o.b) && Incoming.sameValue(c, o.c)
                && Incoming.sameValue(d, o.d);
    }

    /** "(a,b,c,d)", as in theory files and docs/math.md. */
    @Override
    public String toString() {
        return "(" + a.toText() + "," + b.toText() + "," + c.toText() + "," + d.toText() + ")";
    }
}
