package org.nnid.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nnid.activation.Formula;
import org.nnid.theory.FunctionProperty;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.Theory;

/**
 * The properties the built-in theory files state (and the checker relies on) are checked: an
 * injective ρ is monotone on a fine grid of [−30, 30] and strictly so on [−5, 5] (in double;
 * beyond that tanh, logistic and erf saturate, and the strictness there rests on the proof in the
 * file's comment); an analytic ρ's definition uses only functions analytic on R; an exact zero test
 * fits the function it is named for.
 */
class TheoryPropertiesTest {
    /** Formula functions that are not analytic everywhere. */
    private static final Set<String> NOT_ANALYTIC = Set.of("Max", "Min", "Abs", "Sign", "Ramp", "Piecewise");

    @Test
    void everyDeclaredInjectiveBuiltinIsStrictlyMonotoneOnAGrid() {
        for (Theory t : TheoryRegistry.builtins().theories()) {
            if (!t.properties().contains(FunctionProperty.INJECTIVE)) {
                continue;
            }
            int sign = 0;
            double previous = t.activation().apply(-30);
            for (int i = 1; i <= 6000; i++) {
                double x = -30 + i * 0.01;
                double y = t.activation().apply(x);
                int s = Double.compare(y, previous);
                // Never a reversal; and a strict change near 0 (far out tanh, logistic and erf saturate in double).
                assertTrue(s == 0 || sign == 0 || s == sign, t.name() + " is not monotone near " + x);
                assertTrue(s != 0 || Math.abs(x) > 5, t.name() + " is not strictly monotone near " + x);
                sign = s != 0 ? s : sign;
                previous = y;
            }
        }
    }

    @Test
    void everyDeclaredAnalyticBuiltinIsDefinedByAnalyticFunctions() {
        int checked = 0;
        for (Theory t : TheoryRegistry.builtins().theories()) {
            if (t.properties().contains(FunctionProperty.ANALYTIC)) {
                assertTrue(analytic(t.instantiatedDefinition().root()), t.name() + ": " + t.definition());
                checked++;
            }
        }
        assertTrue(checked >= 10, "analytic built-ins checked: " + checked);
    }

    @Test
    void relusAreNeitherDeclaredAnalyticNorNonAnalyticByMistake() {
        assertTrue(!TheoryRegistry.builtins().get("relu").properties().contains(FunctionProperty.ANALYTIC));
        assertTrue(!TheoryRegistry.builtins().get("abs").properties().contains(FunctionProperty.INJECTIVE));
    }

    /**
     * The exact zero test a built-in file names is one its procedure is sound for: group sums rest
     * on null-freeness (proved) and the normal form, phasor sums on ρ being sin or cos, exponential
     * sums on ρ being exp.
     */
    @Test
    void everyDeclaredExactZeroTestFitsItsBuiltin() {
        int checked = 0;
        for (Theory t : TheoryRegistry.builtins().theories()) {
            if (t.exactZeroTest().isEmpty()) {
                continue;
            }
            String definition = t.instantiatedDefinition().toString();
            switch (t.exactZeroTest().get()) {
                case GROUP_SUMS -> {
                    assertTrue(t.nullFreeness().status() == NullFreeness.Status.PROVED, t.name() + ": not null-free");
                    assertTrue(t.normalFormDeclared(), t.name() + ": group sums need the normal form to meet clones");
                }
                case PHASOR_SUMS -> assertTrue(Set.of("Sin(t)", "Cos(t)").contains(definition), t.name() + ": " + definition);
                case EXPONENTIAL_SUMS -> assertEquals("Exp(t)", definition, t.name());
            }
            checked++;
        }
        assertEquals(5, checked, "tanh, logistic, sin, cos and exp name their depth-1 test");
    }

    private static boolean analytic(Formula.Node n) {
        if (n instanceof Formula.Call c && NOT_ANALYTIC.contains(c.name())) {
            return false;
        }
        if (n instanceof Formula.Cmp || n instanceof Formula.And) {
            return false;
        }
        return Formula.children(n).stream().allMatch(TheoryPropertiesTest::analytic);
    }
}
