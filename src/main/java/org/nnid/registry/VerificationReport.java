package org.nnid.registry;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking every fact a theory declares ({@link TheoryVerifier}): per fact, how it
 * was checked, or the counterexample that refutes it. Immutable; facts are in file order.
 */
public record VerificationReport(String theory, String source, List<Fact> facts) {

    /** How a fact was checked, from strongest to weakest; FAILED means it is false. */
    public enum Status {
        /** Decided by an exact procedure (docs/math.md §6: piecewise-linear or affine networks). */
        PROVED_EXACTLY,
        /** Symja reduced the identity to 0 (the method is recorded). */
        PROVED_SYMBOLICALLY,
        /** A published theorem ([VB-A]) cited by a built-in theory, possibly through proved affine relations. */
        CITED,
        /** Held at every sample point within the stated tolerance; Symja did not decide it. */
        CHECKED_NUMERICALLY,
        /** A Symja call ran out of time; the fact held at every sample point. */
        TIMED_OUT_NUMERIC_ONLY,
        /** Neither proved nor refuted (for example, a citation in a user theory): the engine does not rely on it. */
        UNVERIFIED,
        /** False: the detail is a counterexample. */
        FAILED;

        /** Whether the engine may rely on a fact with this status. */
        public boolean reliable() {
            return this != FAILED && this != UNVERIFIED;
        }

        public boolean proved() {
            return this == PROVED_EXACTLY || this == PROVED_SYMBOLICALLY || this == CITED;
        }
    }

    /** The kinds of fact a theory file declares. */
    public enum Kind { DEFINITION, SYMMETRY, RELATION, NORMAL_FORM, NULL_NETWORK, NULL_FREENESS }

    /**
     * One checked fact.
     *
     * @param claim what is claimed, e.g. the symmetry (-1,0,-1,0)
     * @param how   how it was checked, or for FAILED the counterexample ("fails at t = 0.7: left 0, right -0.7")
     */
    public record Fact(Claim claim, Status status, String how) {
        public Kind kind() {
            return claim.kind();
        }

        /** What is claimed, as a report shows it: "symmetry (-1,0,-1,0)". */
        public String subject() {
            return claim.subject();
        }

        /** "relu.theory: symmetry (-1,0,-1,0) fails at t = 0.7: left 0, right -0.7" for failures. */
        public String message(String source) {
            return status == Status.FAILED ? source + ": " + subject() + " " + how : subject() + ": " + how;
        }
    }

    public VerificationReport {
        facts = List.copyOf(facts);
    }

    /** No fact failed. */
    public boolean passed() {
        return facts.stream().noneMatch(f -> f.status() == Status.FAILED);
    }

    public List<Fact> failures() {
        return facts.stream().filter(f -> f.status() == Status.FAILED).toList();
    }

    /** Every fact is reliable (none failed, none unverified). */
    public boolean allReliable() {
        return facts.stream().allMatch(f -> f.status().reliable());
    }

    public Optional<Fact> fact(Claim claim) {
        return facts.stream().filter(f -> f.claim().equals(claim)).findFirst();
    }

    public List<Fact> facts(Kind kind) {
        return facts.stream().filter(f -> f.kind() == kind).toList();
    }

    /** The failure messages, one line each. */
    public List<String> failureMessages() {
        return failures().stream().map(f -> f.message(source)).toList();
    }
}
