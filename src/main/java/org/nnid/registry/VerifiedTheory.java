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
 * A theory together with its verification: what the engine may rely on. Only proved facts (exactly,
 * symbolically, or cited) are relied on; a fact that was only checked numerically, like one that
 * failed or could not be verified, is left out: a symmetry that is not proved is not used, a normal
 * form that is not proved is replaced by the identity (sound, only less complete), and
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

    /** The declared symmetries that are proved. */
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

    /**
     * The theory's normal form if it may be used, else the identity (always sound). A canonical form
     * is sound when every move it applies is a proved symmetry; that the rule picks one form per orbit
     * only makes it complete. So a normal form checked numerically is used when every element it can
     * apply is proved; a proved one always.
     */
    public NormalForm normalForm() {
        NormalForm nf = theory.normalForm();
        Optional<Fact> f = report.fact(new Claim.NormalFormRule(nf.rule()));
        if (f.isEmpty() || !f.get().status().reliable()) {
            return NormalForm.identity();
        }
        return f.get().status().proved() || appliesOnlyProvedSymmetries(nf) ? nf : NormalForm.identity();
    }

    private boolean appliesOnlyProvedSymmetries(NormalForm nf) {
        SymmetryGroup proved = group();
        java.util.function.Predicate<SymmetryElement> element = e -> proved.elements().contains(e) || symmetriesProved();
        java.util.function.Predicate<SymmetryFamily> family = fam -> proved.families().contains(fam);
        if (nf instanceof NormalForm.FlipFirstSignificant ff) {
            return element.test(ff.flip());
        }
        if (nf instanceof NormalForm.ScaleFirstSignificant sf) {
            return family.test(sf.family());
        }
        if (nf instanceof NormalForm.ZeroBias zb) {
            return family.test(zb.family());
        }
        if (nf instanceof NormalForm.ScaleAndZeroBias sz) {
            return family.test(sz.family());
        }
        if (nf instanceof NormalForm.FlipThenShift fs) {
            return element.test(fs.flip()) && family.test(fs.shiftFamily());
        }
        return nf instanceof NormalForm.Identity;
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

    /**
     * Whether a fact may support a verdict: only a proof does. A numeric check can pass a false fact
     * (a shift by k·(π + 10⁻³⁰) for sin holds at every sample point), and a verdict resting on it
     * would call two different functions equal.
     */
    private boolean reliable(Claim claim) {
        Optional<Fact> f = report.fact(claim);
        return f.isPresent() && f.get().status().proved();
    }
}
