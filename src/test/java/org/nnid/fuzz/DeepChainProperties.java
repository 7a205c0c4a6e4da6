package org.nnid.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.nnid.cli.Main;
import org.nnid.io.ChainJson;
import org.nnid.io.NetworkJson;
import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;

/**
 * Deep width-1 chains in both network forms (issue 22): read, evaluated in double, interval and
 * high-precision arithmetic without recursion over depth, both forms giving the same values, and
 * the exact value of a relu chain of weight 1/2 (x / 2^depth) confirmed to every digit asked for;
 * every command a user runs on one network answers a chain in both forms (100,000 layers in the
 * long profile), and both forms have the same canonical hash.
 */
class DeepChainProperties {

    static String layered(int depth, String activation, String weight) {
        return ChainJson.text(ChainJson.Form.LAYERED, depth, activation, weight);
    }

    static String nodeForm(int depth, String activation, String weight) {
        return ChainJson.text(ChainJson.Form.NODES, depth, activation, weight);
    }

    private static boolean bothFormsAgree(int depth, String activation, String weight) {
        Network a = NetworkJson.parse(layered(depth, activation, weight), "layered.json");
        Network b = NetworkJson.parse(nodeForm(depth, activation, weight), "nodes.json");
        double[] x = {0.75};
        Interval[] box = {Interval.point(0.75)};
        return Evaluator.evaluate(a, x)[0] == Evaluator.evaluate(b, x)[0]
                && Evaluator.enclose(a, box)[0].equals(Evaluator.enclose(b, box)[0]);
    }

    @Property(tries = 20)
    boolean bothFormsOfAChainGiveTheSameDoubleAndIntervalValues(@ForAll @IntRange(min = 1, max = 3000) int depth,
            @ForAll boolean relu) {
        return bothFormsAgree(depth, relu ? "relu" : "tanh", relu ? "1/2" : "3/2");
    }

    @Property(tries = 5)
    boolean aReluChainOfWeightOneHalfIsExactlyXOverTwoToTheDepth(@ForAll @IntRange(min = 1, max = 2000) int depth) {
        Network n = NetworkJson.parse(layered(depth, "relu", "1/2"), "chain.json");
        HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(n, new Scalar[] {Scalar.ONE}, 30);
        BigDecimal exact = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(depth));
        // 30 significant digits: within one unit of the 30th digit of the exact value (at depth 43
        // the exact value has 31 digits ending in 5, a tie either rounding may take)
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(exact.precision() - exact.scale() - 30);
        return r.minAgreedDigits() >= 30 && r.values()[0].subtract(exact).abs().compareTo(unit) <= 0;
    }

    @Example
    boolean atDepthFortyThreeTheExactValueIsATieAtThirtyDigitsAndEitherRoundingHolds() {
        return aReluChainOfWeightOneHalfIsExactlyXOverTwoToTheDepth(43);
    }

    @Example
    @Tag("long")
    boolean aHundredThousandLayerChainInBothFormsIsReadAndEvaluatedAlike() {
        return bothFormsAgree(100_000, "relu", "1/2");
    }

    /**
     * Every command a user runs on one network, with the exit code it must give on a chain (relu
     * has null networks, so identifiability says NOT_IDENTIFIABLE; tanh is null-free). robust
     * answers the layered form (any verdict) and refuses the node form (exit 2: it needs a layered
     * network). Both forms have the same canonical hash.
     */
    private static boolean everyCommandAnswers(int depth, String activation, String weight, Path dir) throws IOException {
        boolean relu = activation.equals("relu");
        String hash = null;
        for (ChainJson.Form form : ChainJson.Form.values()) {
            Path f = dir.resolve(activation + "-" + form + "-" + depth + ".json");
            Files.writeString(f, ChainJson.text(form, depth, activation, weight));
            String n = f.toString();
            String[][] commands = {
                {"eval", n, "--at", "3/4"}, {"eval", n, "--at", "3/4", "--interval"}, {"show", n, "--as", "json"},
                {"show", n, "--as", "symja"}, {"show", n, "--as", "latex"}, {"show", n, "--as", "dot"}, {"canon", n},
                {"reduce", n}, {"equiv", n, n}, {"diff", n, n}, {"orbit", n, "--count"},
                {"convert", n, dir.resolve(form + "-" + depth + ".onnx").toString(), "--force"}};
            for (String[] c : commands) {
                int code = Main.run(c, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                if (code != 0) {
                    throw new AssertionError(String.join(" ", c) + ": exit " + code);
                }
            }
            expectExit(relu ? 1 : 0, "identifiability", "--network", n);
            String[] robust = {"robust", n, "--at", "3/4", "--eps", "1/100"};
            int r = Main.run(robust, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            if (form == ChainJson.Form.NODES ? r != 2 : r == 2 || r == 4) {
                throw new AssertionError(String.join(" ", robust) + ": exit " + r);
            }
            StringWriter out = new StringWriter();
            Main.run(new String[] {"hash", n}, new PrintWriter(out), new PrintWriter(new StringWriter()));
            if (hash != null && !hash.equals(out.toString())) {
                throw new AssertionError("the two forms hash differently: " + hash + " vs " + out);
            }
            hash = out.toString();
        }
        return true;
    }

    private static void expectExit(int expected, String... command) {
        StringWriter err = new StringWriter();
        int code = Main.run(command, new PrintWriter(new StringWriter()), new PrintWriter(err));
        if (code != expected) {
            throw new AssertionError(String.join(" ", command) + ": exit " + code + " (expected " + expected + ") " + err);
        }
    }

    @Property(tries = 2)
    boolean everyCommandAnswersAChainInBothFormsAndBothFormsHashAlike(@ForAll @IntRange(min = 1, max = 600) int depth,
            @ForAll boolean relu) throws IOException {
        Path dir = Files.createTempDirectory("chain");
        try {
            return everyCommandAnswers(depth, relu ? "relu" : "tanh", relu ? "1/2" : "1", dir);
        } finally {
            deleteAll(dir);
        }
    }

    @Example
    @Tag("long")
    boolean everyCommandAnswersAHundredThousandLayerChainInBothForms() throws IOException {
        Path dir = Files.createTempDirectory("chain");
        try {
            return everyCommandAnswers(100_000, "relu", "1/2", dir) && everyCommandAnswers(100_000, "tanh", "1", dir);
        } finally {
            deleteAll(dir);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
