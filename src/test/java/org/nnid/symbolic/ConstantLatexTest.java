package org.nnid.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nnid.activation.Activations;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * Constants that are not multiples of π in LaTeX, as written (issue 16): every constant and
 * function of docs/exact-values.md's grammar.
 */
class ConstantLatexTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Pi | \\pi",
        "E | e",
        "Degree | {}^{\\circ}",
        "GoldenRatio | \\varphi",
        "1/3 | \\tfrac{1}{3}",
        "-7/2 | -\\tfrac{7}{2}",
        "Sqrt(2) | \\sqrt{2}",
        "Exp(2) | e^{2}",
        "Log(3) | \\log 3",
        "Log(2, 3) | \\log_{2} 3",
        "Log(1+Sqrt(2)) | \\log\\left(1 + \\sqrt{2}\\right)",
        "Sin(1) | \\sin 1",
        "Cos(1) | \\cos 1",
        "Tan(1) | \\tan 1",
        "Cot(1) | \\cot 1",
        "Sec(1) | \\sec 1",
        "Csc(1) | \\csc 1",
        "ArcTan(1/2) | \\arctan\\left(\\tfrac{1}{2}\\right)",
        "ArcSin(1/3) | \\arcsin\\left(\\tfrac{1}{3}\\right)",
        "ArcCos(1/3) | \\arccos\\left(\\tfrac{1}{3}\\right)",
        "Sinh(1) | \\sinh 1",
        "Cosh(1) | \\cosh 1",
        "Tanh(1) | \\tanh 1",
        "Coth(1) | \\coth 1",
        "Sech(1) | \\operatorname{sech} 1",
        "Csch(1) | \\operatorname{csch} 1",
        "Erf(1) | \\operatorname{erf} 1",
        "Erfc(1) | \\operatorname{erfc} 1",
        "LogisticSigmoid(1) | \\frac{1}{1 + e^{-1}}",
        "Abs(1-Sqrt(2)) | \\lvert 1 - \\sqrt{2} \\rvert",
        "Max(1, Sqrt(2)) | \\max(1, \\sqrt{2})",
        "Min(1, Sqrt(2)) | \\min(1, \\sqrt{2})",
        "2^(1/3) | \\sqrt[3]{2}",
        "3^(2/3) | 3^{\\tfrac{2}{3}}",
        "1/Sqrt(2) | \\frac{1}{\\sqrt{2}}",
        "E^2 | e^{2}",
        "Log(3)^2 | \\left(\\log 3\\right)^{2}",
        "2/5*Sqrt(3) | \\tfrac{2}{5} \\sqrt{3}",
        "Sqrt(2)*E | \\sqrt{2} e",
        "-Sqrt(2) | -\\sqrt{2}",
        "2/3*Pi | \\tfrac{2\\pi}{3}",
        "Log(3)/Log(2) | \\frac{\\log 3}{\\log 2}",
        "1-Sqrt(5)/3 | 1 - \\tfrac{1}{3} \\sqrt{5}",
    })
    void eachConstantAndFunctionOfTheGrammarIsWrittenAsItIs(String form, String latex) {
        assertEquals(latex, ConstantLatex.of(form));
    }

    @Test
    void aNetworksBiasesAreWrittenAsTheNetworkHoldsThem() {
        Network n = Network.layered(Activations.byName("tanh"), 1, List.of(
                Layer.of(new Scalar[][] {{Scalar.ONE}, {Scalar.ONE}, {Scalar.ONE}},
                        new Scalar[] {Scalar.parseExact("Sqrt(2)"), Scalar.parseExact("Log(3)"), Scalar.parseExact("GoldenRatio")}),
                Layer.of(new Scalar[][] {{Scalar.ONE, Scalar.parseExact("E"), Scalar.parseExact("-1/3")}}, new Scalar[] {Scalar.ZERO})),
                false);
        assertEquals(List.of("\\tanh(x_1 + \\sqrt{2}) + e \\tanh(x_1 + \\log 3) - \\tfrac{1}{3} \\tanh(x_1 + \\varphi)"),
                NetworkLatex.outputs(n, 100_000));
    }
}
