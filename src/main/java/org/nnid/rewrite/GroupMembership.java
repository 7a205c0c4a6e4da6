package org.nnid.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.nnid.scalar.Scalar;
import org.nnid.activation.Formula;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.SymmetryFamily;
import org.nnid.theory.SymmetryGroup;

/**
 * Decides s ∈ S_ρ for a group given by finite elements and parametric families: the family's
 * parameters are recovered from s (an entry that is a bare parameter gives it directly; an entry
 * affine in one remaining parameter, such as kπ, is solved for it), then the family is
 * instantiated at those values and must give s exactly, with the values admissible (kinds and
 * condition). Exact elements are decided exactly. A double element (from a double network) is
 * accepted when it matches within a relative 1e-12 per entry, after rounding integer parameters:
 * double networks are only ever equivalent within tolerance.
 */
public final class GroupMembership implements Predicate<SymmetryElement> {
    private final SymmetryGroup group;
    private final List<Plan> plans;

    /**
     * What a family's formulas say about its parameters, worked out once rather than at every
     * test (a double network tests an element per node): per entry, the parameters it contains,
     * and whether it is a bare parameter.
     */
    private record Plan(SymmetryFamily family, List<Set<String>> entryParameters, List<Boolean> bare) {
        static Plan of(SymmetryFamily f) {
            List<Set<String>> params = new ArrayList<>(4);
            List<Boolean> bare = new ArrayList<>(4);
            for (int i = 0; i < 4; i++) {
                Formula formula = f.element().get(i);
                Set<String> p = new LinkedHashSet<>(formula.variables());
                p.retainAll(f.parameters().keySet());
                params.add(Collections.unmodifiableSet(p));
                bare.add(p.size() == 1 && formula.equals(Formula.variable(p.iterator().next())));
            }
            return new Plan(f, List.copyOf(params), List.copyOf(bare));
        }
    }

    private GroupMembership(SymmetryGroup group) {
        this.group = group;
        this.plans = group.families().stream().map(Plan::of).toList();
    }

    /** The membership test of a group, to be used for many elements. */
    public static GroupMembership of(SymmetryGroup group) {
        return new GroupMembership(group);
    }

    public static boolean contains(SymmetryGroup group, SymmetryElement s) {
        return of(group).test(s);
    }

    /** Whether s ∈ S_ρ, decided as the class comment says. */
    @Override
    public boolean test(SymmetryElement s) {
        if (s.isIdentity()) {
            return true;
        }
        for (SymmetryElement e : group.elements()) {
            if (e.sameValues(s) || (!s.isExact() && close(e, s))) {
                return true;
            }
        }
        for (Plan p : plans) {
            if (inFamily(p, s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inFamily(Plan plan, SymmetryElement s) {
        SymmetryFamily f = plan.family();
        Scalar[] entries = {s.a(), s.b(), s.c(), s.d()};
        Map<String, Scalar> values = new LinkedHashMap<>();
        Set<String> params = f.parameters().keySet();
        boolean progress = true;
        while (progress && values.size() < params.size()) {
            progress = false;
            for (int i = 0; i < 4; i++) {
                String p = onlyUnknown(plan.entryParameters().get(i), values);
                if (p == null) {
                    continue;
                }
                Scalar v = plan.bare().get(i) ? entries[i] : solve(f.element().get(i), p, values, entries[i]);
                if (v != null) {
                    if (!s.isExact() && f.parameters().get(p) == SymmetryFamily.Kind.INTEGER) {
                        v = Scalar.of(Math.rint(v.toDouble()));
                    }
                    values.put(p, v);
                    progress = true;
                }
            }
        }
        if (values.size() < params.size()) {
            return false;
        }
        try {
            if (!s.isExact()) {
                Map<String, Scalar> rounded = new LinkedHashMap<>();
                values.forEach((k, v) -> rounded.put(k, f.parameters().get(k) == SymmetryFamily.Kind.INTEGER
                        ? Scalar.of((long) Math.rint(v.toDouble())) : v));
                values = rounded;
            }
            if (!f.admits(values)) {
                return false;
            }
            SymmetryElement e = f.instantiate(values);
            return e.sameValues(s) || (!s.isExact() && close(e, s));
        } catch (RuntimeException e) {
            return false; // the values do not instantiate the family (a = 0, an undefined expression)
        }
    }

    /** The one parameter of an entry not yet known, or null if there are none or several. */
    private static String onlyUnknown(Set<String> entryParameters, Map<String, Scalar> known) {
        String unknown = null;
        for (String p : entryParameters) {
            if (!known.containsKey(p)) {
                if (unknown != null) {
                    return null;
                }
                unknown = p;
            }
        }
        return unknown;
    }

    /** Solves formula(p) = target for p, assuming the formula is affine in p. */
    private static Scalar solve(Formula formula, String p, Map<String, Scalar> known, Scalar target) {
        try {
            Map<String, Scalar> env = new LinkedHashMap<>(known);
            env.put(p, Scalar.ZERO);
            Scalar f0 = formula.evaluateExact(env);
            env.put(p, Scalar.ONE);
            Scalar slope = formula.evaluateExact(env).subtract(f0);
            if (slope.isZero()) {
                return null;
            }
            return target.subtract(f0).divide(slope);
        } catch (RuntimeException e) {
            return null; // not affine or not evaluable here: another entry may determine p
        }
    }

    private static boolean close(SymmetryElement e, SymmetryElement s) {
        Scalar[] x = {e.a(), e.b(), e.c(), e.d()};
        Scalar[] y = {s.a(), s.b(), s.c(), s.d()};
        for (int i = 0; i < 4; i++) {
            double a = x[i].toDouble();
            double b = y[i].toDouble();
            if (Math.abs(a - b) > Tolerance.GROUP_MEMBERSHIP * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
                return false;
            }
        }
        return true;
    }
}
