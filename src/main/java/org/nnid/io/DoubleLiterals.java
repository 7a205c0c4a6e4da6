package org.nnid.io;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;

/**
 * JSON numbers with a fraction or an exponent, each the double it denotes, read from its own text
 * (issue 22): {@link Double#parseDouble} is correctly rounded ({@code BigDecimal.doubleValue} is
 * not on Java 17). A literal that is no finite, representable double stays a {@link DecimalNode}
 * for the reader to refuse: one that overflows (1e400), one that underflows to 0 (1e-400), and
 * one that rounds to a subnormal it neither equals nor is the shortest decimal of (precision lost
 * to underflow, not ordinary rounding; 1e-320 is refused, 4.9E-324 as written by Double.toString is not).
 */
final class DoubleLiterals extends JsonNodeFactory {
    static final DoubleLiterals INSTANCE = new DoubleLiterals();

    private DoubleLiterals() {
        super(false);
    }

    @Override
    public ValueNode numberNode(BigDecimal literal) {
        double d = parse(literal.toString());
        return representable(literal, d) ? DoubleNode.valueOf(d) : DecimalNode.valueOf(literal);
    }

    /**
     * The double of a decimal text, correctly rounded as {@link Double#parseDouble} rounds it, by
     * Jackson's FastDoubleParser: Java 17's own parser was a fifth of the CPU of reading a
     * 6×200 network (DoubleLiteralsProperties checks that both give the same double).
     */
    static double parse(String text) {
        return com.fasterxml.jackson.core.io.NumberInput.parseDouble(text, true);
    }

    static boolean representable(BigDecimal literal, double d) {
        if (!Double.isFinite(d)) {
            return false;
        }
        if (d == 0) {
            return literal.signum() == 0;
        }
        // A subnormal is accepted when written exactly, or as the shortest decimal that reads back to
        // it (what nnid and JSON writers print, 4.9E-324); any other literal lost precision to underflow.
        return Math.abs(d) >= Double.MIN_NORMAL || new BigDecimal(d).compareTo(literal) == 0
                || new BigDecimal(Double.toString(d)).compareTo(literal) == 0;
    }

    /** Why a refused literal is not a double, with the way out. */
    static String problem(BigDecimal literal) {
        double d = Double.parseDouble(literal.toString());
        String why = !Double.isFinite(d) ? "overflows a double"
                : d == 0 ? "underflows to 0 in a double" : "underflows to the subnormal double " + d;
        return "the number " + literal + " " + why + "; write it as an exact string, such as \"" + literal + "\"";
    }
}
