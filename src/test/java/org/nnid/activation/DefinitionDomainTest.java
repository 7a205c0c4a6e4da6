package org.nnid.activation;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionDomainTest {

    private static DefinitionDomain.Result check(String definition) {
        return DefinitionDomain.check(Formula.parse(definition));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tanh(t)", "Log(1+Exp(t))", "t+Sin(t)/(2+Cos(t))", "1/(1+Exp(-t))", "t/(1+Abs(t))",
            "Sqrt(1+t^2)", "t*(1+Erf(t/Sqrt(2)))/2", "(1+t^2)^(-1)", "Max(0,t)"})
    void aDefinitionRealAndFiniteEverywhereIsProvedSo(String definition) {
        assertInstanceOf(DefinitionDomain.Defined.class, check(definition));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1/t", "Sqrt(t)", "Log(t)", "t^(-1)", "Tan(t)/10 + t", "1/(t-1/3)", "t^(1/2)",
            "Gudermannian(t) + 1/t", "Sqrt(Sin(t))", "1/(Exp(t)-2)"})
    void aPoleOrANonRealValueIsFoundWithItsPlace(String definition) {
        DefinitionDomain.Result r = check(definition);
        DefinitionDomain.Undefined u = assertInstanceOf(DefinitionDomain.Undefined.class, r);
        assertTrue(u.where().startsWith("not defined "), u.where());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Gudermannian(t)", "t + If(t > 0, 1, 2)"})
    void aFunctionWithoutAnIntervalVersionIsUndecidedNotProved(String definition) {
        assertInstanceOf(DefinitionDomain.Undecided.class, check(definition));
    }
}
