package org.nnid.registry;

import org.nnid.registry.VerificationReport.Kind;
import org.nnid.theory.AffineRelation;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.SymmetryFamily;

/**
 * What a fact of a theory claims: the declaration it is about. The engine looks a verified fact up
 * by its claim (a symmetry element, a relation, …), never by the text a report shows for it.
 */
public sealed interface Claim {

    Kind kind();

    /** The text a report shows, e.g. "symmetry (-1,0,-1,0)". */
    String subject();

    /** The definition; {@code text} is the formula and its parameter values as shown. */
    record Definition(String text) implements Claim {
        @Override public Kind kind() { return Kind.DEFINITION; }
        @Override public String subject() { return "definition " + text; }
    }

    record Symmetry(SymmetryElement element) implements Claim {
        @Override public Kind kind() { return Kind.SYMMETRY; }
        @Override public String subject() { return "symmetry " + element; }
    }

    record Family(SymmetryFamily family) implements Claim {
        @Override public Kind kind() { return Kind.SYMMETRY; }
        @Override public String subject() { return "symmetry family " + family; }
    }

    record Relation(AffineRelation relation) implements Claim {
        @Override public Kind kind() { return Kind.RELATION; }
        @Override public String subject() { return "relation " + relation; }
    }

    record NormalFormRule(String rule) implements Claim {
        @Override public Kind kind() { return Kind.NORMAL_FORM; }
        @Override public String subject() { return "normal form " + rule; }
    }

    /** A declared null network, by its file (or "found" for one the search found). */
    record NullNetwork(String file) implements Claim {
        @Override public Kind kind() { return Kind.NULL_NETWORK; }
        @Override public String subject() { return "null network " + file; }
    }

    /** The declared null-freeness status. */
    record NullFreenessStatus(NullFreeness.Status declared) implements Claim {
        @Override public Kind kind() { return Kind.NULL_FREENESS; }
        @Override public String subject() { return "null-freeness: " + declared.word(); }
    }
}
