package org.nnid.rewrite;

import java.math.BigDecimal;
import java.math.MathContext;

import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;

/**
 * The SHA-256 of a canonical form's JSON. For exact networks it identifies the canonical form
 * exactly. For double networks every double is first rounded to {@code digits} significant
 * decimal digits, so that networks whose canonical forms agree within rounding usually share a
 * hash. Limits: two values on either side of a rounding boundary (…4999 vs …5000 at the last kept
 * digit) hash differently however close they are, and a hash says nothing about networks whose
 * clones or ties were resolved differently; equal hashes are evidence, not proof, for doubles.
 */
public final class CanonicalHash {
    public static final int DEFAULT_DIGITS = 9;

    private CanonicalHash() {}

    public static String of(Network canonical, int digits) {
        if (canonical.isExact()) {
            return Certificate.sha256(NetworkJson.write(canonical));
        }
        MathContext mc = new MathContext(digits);
        Network rounded = canonical.mapValues(s -> s instanceof DoubleScalar d
                ? Scalar.of(new BigDecimal(d.value()).round(mc).doubleValue()) : s);
        return Certificate.sha256(NetworkJson.write(rounded));
    }
}
