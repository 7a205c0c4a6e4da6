package org.nnid.fuzz;

import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.nnid.activation.DefinitionDomain;
import org.nnid.activation.Formula;

/**
 * Hostile theory definitions (issue 22): a definition with a pole or a non-real value somewhere on
 * ℝ is found undefined, with its place; one built only from functions real and finite everywhere
 * is never called undefined.
 */
class HostileTheoryProperties {

    /** Real and finite at every real argument. */
    private static final String[] SAFE = {"Tanh(%s)", "Sin(%s)", "ArcTan(%s)", "Exp(-(%s)^2)", "Abs(%s)", "(%s)^3",
        "Sqrt(1+(%s)^2)", "Log(2+Cos(%s))", "1/(1+Exp(-(%s)))", "(%s)/(1+Abs(%s))", "Max(0,%s)", "Erf(%s)"};
    /** A pole or a non-real value at t = c (c rational). */
    private static final String[] HOSTILE = {"1/(t-(%s))", "Sqrt(t-(%s))", "Log(t-(%s))", "(t-(%s))^(-2)",
        "Sqrt((%s)-t)", "1/Sin(t-(%s))", "Tan(t-(%s))", "(t-(%s))^(1/3)"};

    private static String safe(Random r, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            return r.nextBoolean() ? "t" : (r.nextInt(7) - 3) + "*t+" + (r.nextInt(5) - 2);
        }
        String inner = safe(r, depth - 1);
        String f = SAFE[r.nextInt(SAFE.length)];
        return f.replace("%s", inner);
    }

    private static String rational(Random r) {
        return (r.nextInt(41) - 20) + "/" + (1 + r.nextInt(7));
    }

    @Property(tries = 200)
    boolean aDefinitionBuiltFromEverywhereDefinedFunctionsIsNeverCalledUndefined(@ForAll long seed) {
        Random r = new Random(seed);
        String d = safe(r, 3) + (r.nextBoolean() ? "+" + safe(r, 2) : "*" + safe(r, 2));
        return !(DefinitionDomain.check(Formula.parse(d)) instanceof DefinitionDomain.Undefined);
    }

    @Property(tries = 200)
    boolean aDefinitionWithAPoleOrANonRealValueIsFoundUndefined(@ForAll long seed) {
        Random r = new Random(seed);
        String hostile = HOSTILE[r.nextInt(HOSTILE.length)].replace("%s", rational(r));
        String d = r.nextBoolean() ? safe(r, 2) + "+" + hostile : hostile + "*(2+Tanh(" + safe(r, 1) + "))";
        DefinitionDomain.Result result = DefinitionDomain.check(Formula.parse(d));
        if (!(result instanceof DefinitionDomain.Undefined u) || !u.where().startsWith("not defined")) {
            throw new AssertionError(d + ": " + result);
        }
        return true;
    }
}
