package org.nnid.registry;

import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.SymmetryFamily;

import org.nnid.activation.Activation;
import org.nnid.theory.AffineRelation;
import org.nnid.theory.NormalForm;
import org.nnid.theory.SymmetryGroup;
import org.nnid.theory.Theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nnid.registry.VerificationReport.Fact;
import org.nnid.registry.VerificationReport.Kind;

/**
 * A theory together with its verification: what the engine may rely on. Facts that failed or could
 * not be verified are left out conservatively: a symmetry that did not verify is not used, a normal
 * form that did not verify is replaced by the identity (sound, only less complete), and
 * null-freeness counts only when proved or cited by a built-in theory; otherwise unequal canonical
 * forms prove nothing (docs/math.md §6, step 3).
 */
public record VerifiedTheory(Theory theory, VerificationReport report) {

    public String name() {
        return theory.name();
    }

    public Activation activation() {
        return theory.activation();
    }

    /** No declared fact is false. */
    public boolean passed() {
        return report.passed();
    }

    /** The declared symmetries whose facts verified. */
    public SymmetryGroup group() {
        List<SymmetryElement> elements = new ArrayList<>();
        for (SymmetryElement e : theory.group().elements()) {
            if (reliable(new Claim.Symmetry(e))) {
                elements.add(e);
            }
        }
        List<SymmetryFamily> families = new ArrayList<>();
        for (SymmetryFamily f : theory.group().families()) {
            if (reliable(new Claim.Family(f))) {
                families.add(f);
            }
        }
        return new SymmetryGroup(elements, families);
    }

    /** Whether every declared symmetry was proved (not only checked numerically). */
    public boolean symmetriesProved() {
        return report.facts(Kind.SYMMETRY).stream().allMatch(f -> f.status().proved());
    }

    /** The theory's normal form if it verified, else the identity (always sound). */
    public NormalForm normalForm() {
        return reliable(new Claim.NormalFormRule(theory.normalForm().rule())) ? theory.normalForm()
                : NormalForm.identity();
    }

    /**
     * True only when null-freeness is established (proved, or cited by a built-in theory possibly
     * through verified affine relations). Then unequal canonical forms of reduced networks mean
     * different functions (docs/math.md §4.1).
     */
    public boolean isNullFree() {
        return theory.nullFreeness().status() == NullFreeness.Status.PROVED
                && report.facts(Kind.NULL_FREENESS).stream().anyMatch(f -> f.status().proved());
    }

    /** True when some declared null network verified: canonical forms are then incomplete. */
    public boolean hasNullNetwork() {
        return report.facts(Kind.NULL_NETWORK).stream().anyMatch(f -> f.status().reliable());
    }

    /** The null-freeness the engine may act on: PROVED, REFUTED or (otherwise) UNKNOWN. */
    public NullFreeness.Status nullFreeness() {
        return isNullFree() ? NullFreeness.Status.PROVED
                : hasNullNetwork() ? NullFreeness.Status.REFUTED : NullFreeness.Status.UNKNOWN;
    }

    /** A verified affine relation to another theory. */
    public Optional<AffineRelation> relationTo(String other) {
        return theory.relationTo(other).filter(r -> reliable(new Claim.Relation(r)));
    }

    /**
     * The theory restricted to what the engine may rely on ({@link #group}, {@link #normalForm},
     * the verified affine relations and {@link #nullFreeness}), for code that takes a
     * {@link Theory}. A built-in theory is returned as it is (its facts are verified in CI).
     */
    public Theory reliableTheory() {
        if (theory.builtin()) {
            return theory;
        }
        List<AffineRelation> relations = theory.relations().stream()
                .filter(r -> reliable(new Claim.Relation(r))).toList();
        NullFreeness declared = theory.nullFreeness();
        NullFreeness reliableNullFreeness = switch (nullFreeness()) {
            case PROVED, REFUTED -> declared;
            case UNKNOWN -> NullFreeness.unknown(declared.status() == NullFreeness.Status.UNKNOWN ? declared.evidence()
                    : "declared " + declared.status().word() + " in " + theory.source() + ", but not verified");
        };
        return new Theory(theory.name(), theory.aliases(), theory.description(), theory.definition(),
                theory.parameters(), theory.parameterCondition(), theory.activation(), false, group(), normalForm(),
                relations, reliableNullFreeness, theory.source(), theory.normalFormDeclared(),
                // a user's stated properties and exact zero test are not verified, so not relied on
                java.util.Set.of(), theory.onnx(), java.util.Optional.empty());
    }

    private boolean reliable(Claim claim) {
        Optional<Fact> f = report.fact(claim);
        return f.isPresent() && f.get().status().reliable();
    }
}
