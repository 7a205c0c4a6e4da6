package org.nnid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.nnid.net.Network;

/**
 * The kit as a user meets it in a jqwik run (KitRunFixture's properties, run by the launcher):
 * shrinking keeps the generator's ranges and ends at the smallest failing network, a crashing
 * shrinker does not hide the property's failure, {@code @ForAll Network} needs no provider, and
 * the report shows formulas and weights.
 */
class KitRunTest {

    /** What one property's run ended with, and what jqwik printed (its report goes to standard output). */
    private record Run(TestExecutionResult result, String printed) {}

    private static synchronized Run run(String method) {
        List<TestExecutionResult> results = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(KitRunFixture.class.getName() + "#" + method + "(" + Network.class.getName() + ")"))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            results.add(result);
                        }
                    }

                });
        } finally {
            System.setOut(stdout);
        }
        assertEquals(1, results.size(), "expected one property run of " + method);
        return new Run(results.get(0), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPropertyAboutTwoInputsFailsWithTheSmallestNetworkTheGeneratorAllows() {
        Run r = run("failsOnTwoOrMoreInputs");
        Throwable t = r.result().getThrowable().orElseThrow();
        KitRunFixture.FailedOn f = assertInstanceOf(KitRunFixture.FailedOn.class, t);
        Network n = f.network;
        String shown = NetworkDescription.of(n, "  ");
        assertEquals(2, n.inputCount(), shown);
        assertEquals(1, n.outputCount(), shown);
        assertTrue(n.asLayers().isPresent(), "layered stays layered: " + shown);
        assertEquals(List.of(2, 2), n.asLayers().get().subList(0, 2).stream().map(l -> l.rows()).toList(),
                "two hidden layers of width 2, the generator's minimum: " + shown);
        assertEquals(n.asLayers().get().size(), 3, shown);
        long[] size = NetworkShrinks.size(n);
        assertEquals(0, size[3] + size[4], "no edge and no nonzero value left: " + Arrays.toString(size) + shown);
    }

    @Test
    void theReportOfAFailingRunShowsFormulasAndWeights() {
        Run r = run("failsOnTwoOrMoreInputs");
        String all = r.printed();
        assertTrue(all.contains("y1 = ") && all.contains("weights: ") && all.contains("nnid-network/1")
                && all.contains("tanh network, 2 inputs"), "report lacks formula, weights or shape:\n" + all);
    }

    @Test
    void aCrashInsideTheShrinkerDoesNotHideThePropertysFailure() {
        Run r = run("failsWhileTheShrinkerCrashes");
        assertEquals(TestExecutionResult.Status.FAILED, r.result().getStatus());
        Throwable t = r.result().getThrowable().orElseThrow();
        assertInstanceOf(KitRunFixture.FailedOn.class, t, () -> "the shrinker's exception replaced the failure: " + t);
    }

    @Test
    void forAllNetworkWorksWithoutAProvider() {
        Run r = run("everyDefaultNetworkHasAnInput");
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.result().getStatus(),
                () -> "" + r.result().getThrowable().map(Throwable::toString).orElse(""));
    }
}
