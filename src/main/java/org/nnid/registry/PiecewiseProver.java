package org.nnid.registry;

import org.nnid.activation.Formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.matheclipse.core.interfaces.IExpr;
import org.nnid.activation.Formula.Bin;
import org.nnid.activation.Formula.Call;
import org.nnid.activation.Formula.Fn;
import org.nnid.activation.Formula.Neg;
import org.nnid.activation.Formula.Node;
import org.nnid.activation.Formula.Num;

/**
 * Proves e(t) ≡ 0 for expressions with Max, Min, Abs and Ramp by case analysis, which Symja's
 * Simplify does not do (NOTES.md: it leaves Max(0,x) − Max(0,−x) − x alone).
 *
 * <p>Method: take the innermost such atoms; each switches branch where a "switching expression"
 * s (u − v for Max(u,v), u for Abs(u)) changes sign. Each s must be linear in t, s = α·t + β, so
 * it has one kink −β/α (or none). The kinks cut the current interval of t into open regions; in
 * each region Symja decides the sign of every s at one point (with the parameters' assumptions),
 * every atom is replaced by its branch, and the analysis recurses on the simpler expression. An
 * expression without atoms must simplify to 0. Proving e = 0 on every open region proves it on
 * all of ℝ, because e is continuous (the atoms are, and the rest is analytic in t) and the kinks
 * are finitely many points.
 *
 * <p>A real parameter whose sign Symja cannot settle from the assumptions is split into the cases
 * p &gt; 0 and p &lt; 0; p = 0, where admissible, follows by continuity in p.
 */
final class PiecewiseProver {
    private static final int MAX_REGIONS = 256;

    private final SymbolicProver symja;
    private int regions;

    PiecewiseProver(SymbolicProver symja) {
        this.symja = symja;
    }

    static boolean applies(Formula e) {
        return !innermostAtoms(e.root()).isEmpty();
    }

    /** The number of regions examined when proved; empty when not proved. */
    Optional<Integer> proveZero(Formula e, String assumptions, List<String> realParameters) {
        List<String> cases = new ArrayList<>();
        cases.add(assumptions);
        for (String p : realParameters) {
            List<String> next = new ArrayList<>();
            for (String a : cases) {
                Optional<Integer> s = symja.sign(p, a);
                if (s.isPresent() && s.get() != 0) {
                    next.add(a);
                } else {
                    next.add(and(a, p + ">0"));
                    next.add(and(a, p + "<0"));
                }
            }
            cases = next;
        }
        regions = 0;
        for (String a : cases) {
            if (!prove(e.root(), null, null, a)) {
                return Optional.empty();
            }
        }
        return Optional.of(regions);
    }

    private static String and(String a, String b) {
        return a.isEmpty() ? b : "(" + a + ")&&(" + b + ")";
    }

    /** e ≡ 0 on the open interval (lo, hi) of t; null bounds are ∓∞. */
    private boolean prove(Node e, String lo, String hi, String assumptions) {
        Set<Call> atoms = innermostAtoms(e);
        if (atoms.isEmpty()) {
            regions++;
            return regions <= MAX_REGIONS && symja.simplifiesToZero(render(e), assumptions);
        }
        // Each atom's switching expression, as α·t + β.
        Map<Call, String[]> linear = new LinkedHashMap<>();
        List<String> kinks = new ArrayList<>();
        for (Call atom : atoms) {
            String s = render(switching(atom));
            Optional<IExpr> alpha = symja.eval("Simplify(Coefficient(Expand(" + s + "),t,1))");
            Optional<IExpr> beta = symja.eval("Simplify(Coefficient(Expand(" + s + "),t,0))");
            if (alpha.isEmpty() || beta.isEmpty()) {
                return false;
            }
            String a = alpha.get().toString();
            String b = beta.get().toString();
            if (!symja.simplifiesToZero("(" + s + ")-((" + a + ")*t+(" + b + "))", assumptions)) {
                return false; // not linear in t: outside this method
            }
            linear.put(atom, new String[] {a, b});
            if (!alpha.get().isZero()) {
                Optional<IExpr> k = symja.eval("Simplify(-(" + b + ")/(" + a + "))");
                if (k.isEmpty()) {
                    return false;
                }
                kinks.add(k.get().toString());
            }
        }
        List<String> inside = new ArrayList<>();
        for (String k : kinks) {
            Optional<Integer> aboveLo = lo == null ? Optional.of(1) : symja.sign("(" + k + ")-(" + lo + ")", assumptions);
            Optional<Integer> belowHi = hi == null ? Optional.of(1) : symja.sign("(" + hi + ")-(" + k + ")", assumptions);
            if (aboveLo.isEmpty() || belowHi.isEmpty()) {
                return false;
            }
            if (aboveLo.get() > 0 && belowHi.get() > 0 && !insertSorted(inside, k, assumptions)) {
                return false;
            }
        }
        List<String> bounds = new ArrayList<>();
        bounds.add(lo);
        bounds.addAll(inside);
        bounds.add(hi);
        for (int r = 0; r + 1 < bounds.size(); r++) {
            String l = bounds.get(r);
            String h = bounds.get(r + 1);
            String point = l == null && h == null ? "0" : l == null ? "(" + h + ")-1" : h == null ? "(" + l + ")+1"
                    : "((" + l + ")+(" + h + "))/2";
            Map<Node, Node> branch = new LinkedHashMap<>();
            for (Call atom : atoms) {
                String[] ab = linear.get(atom);
                Optional<Integer> s = symja.sign("(" + ab[0] + ")*(" + point + ")+(" + ab[1] + ")", assumptions);
                if (s.isEmpty()) {
                    return false;
                }
                branch.put(atom, branchOf(atom, s.get()));
            }
            if (!prove(replace(e, branch), l, h, assumptions)) {
                return false;
            }
        }
        return true;
    }

    /** Inserts k into the increasing list unless equal to a member; false when an order is undecided. */
    private boolean insertSorted(List<String> list, String k, String assumptions) {
        int i = 0;
        while (i < list.size()) {
            Optional<Integer> s = symja.sign("(" + k + ")-(" + list.get(i) + ")", assumptions);
            if (s.isEmpty()) {
                return false;
            }
            if (s.get() == 0) {
                return true;
            }
            if (s.get() < 0) {
                break;
            }
            i++;
        }
        list.add(i, k);
        return true;
    }

    // ------------------------------------------------------------------------------ atoms

    private static boolean isAtom(Node n) {
        return n instanceof Call c && c.fn() != null
                && (c.fn() == Fn.ABS || c.fn() == Fn.RAMP || ((c.fn() == Fn.MAX || c.fn() == Fn.MIN) && c.args().size() <= 2));
    }

    private static boolean containsAtom(Node n) {
        if (isAtom(n) || isWideMaxMin(n)) {
            return true;
        }
        return children(n).stream().anyMatch(PiecewiseProver::containsAtom);
    }

    private static boolean isWideMaxMin(Node n) {
        return n instanceof Call c && (c.fn() == Fn.MAX || c.fn() == Fn.MIN) && c.args().size() > 2;
    }

    /** Atoms whose arguments contain no atom; Max/Min of more than two arguments are first nested pairwise. */
    static Set<Call> innermostAtoms(Node n) {
        Set<Call> out = new LinkedHashSet<>();
        collect(binary(n), out);
        return out;
    }

    private static void collect(Node n, Set<Call> out) {
        if (isAtom(n) && ((Call) n).args().stream().noneMatch(PiecewiseProver::containsAtom)) {
            out.add((Call) n);
            return;
        }
        for (Node c : children(n)) {
            collect(c, out);
        }
    }

    /** Max(a, b, c) ↦ Max(a, Max(b, c)), recursively. */
    private static Node binary(Node n) {
        List<Node> kids = Formula.children(n);
        if (kids.isEmpty()) {
            return n;
        }
        List<Node> args = kids.stream().map(PiecewiseProver::binary).toList();
        if (n instanceof Call c && (c.fn() == Fn.MAX || c.fn() == Fn.MIN) && args.size() > 2) {
            Node acc = args.get(args.size() - 1);
            for (int i = args.size() - 2; i >= 0; i--) {
                acc = new Call(c.name(), c.fn(), List.of(args.get(i), acc));
            }
            return acc;
        }
        return Formula.withChildren(n, args);
    }

    private static List<Node> children(Node n) {
        return Formula.children(n);
    }

    /** s with: Abs(u) = ±u and Ramp(u) ∈ {u, 0} by the sign of u; Max/Min(u, v) by the sign of u − v. */
    private static Node switching(Call atom) {
        if (atom.args().size() == 1) {
            return atom.args().get(0);
        }
        return new Bin('-', atom.args().get(0), atom.args().get(1));
    }

    private static Node branchOf(Call atom, int sign) {
        Node u = atom.args().get(0);
        return switch (atom.fn()) {
            case ABS -> sign >= 0 ? u : new Neg(u);
            case RAMP -> sign >= 0 ? u : new Num(org.nnid.scalar.Scalar.ZERO);
            case MAX -> atom.args().size() == 1 || sign >= 0 ? u : atom.args().get(1);
            case MIN -> atom.args().size() == 1 || sign <= 0 ? u : atom.args().get(1);
            default -> throw new IllegalStateException("not an atom: " + atom);
        };
    }

    private static Node replace(Node n, Map<Node, Node> branch) {
        Node b = binary(n);
        return replaceIn(b, branch);
    }

    private static Node replaceIn(Node n, Map<Node, Node> branch) {
        Node r = branch.get(n);
        if (r != null) {
            return r;
        }
        List<Node> kids = Formula.children(n);
        return kids.isEmpty() ? n : Formula.withChildren(n, kids.stream().map(a -> replaceIn(a, branch)).toList());
    }

    private static String render(Node n) {
        return Formula.wrap(n).toSymja();
    }
}
