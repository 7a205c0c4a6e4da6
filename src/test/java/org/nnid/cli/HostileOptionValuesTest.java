package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: every numeric option of every command, given a hostile value (beyond the doubles, not a
 * number, a power past the size budget, empty, text, a 100,000-digit number, out of its range), is
 * refused with exit 2 and one short line that names the option, before any work is done.
 */
class HostileOptionValuesTest {
    @TempDir
    Path dir;

    /** Values no numeric option takes. */
    private static final List<String> NEVER = List.of("1e999", "NaN", "-Infinity", "10^(10^9)", "", "abc",
            "9".repeat(100_000));

    /** One option of one command: the command line with the value in place of {@code V}. */
    private record Case(String option, List<String> extra, String... args) {
        String[] with(String value) {
            return java.util.Arrays.stream(args).map(a -> a.equals("V") ? value : a).toArray(String[]::new);
        }
    }

    @Test
    void everyNumericOptionRefusesEveryHostileValueWithOneLineNamingIt() throws IOException {
        Path net = dir.resolve("a.json");
        Files.writeString(net, "{\"format\": \"nnid-network/1\", \"activation\": \"tanh\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}");
        String n = net.toString();
        String out = dir.resolve("out").toString();
        List<String> counts = List.of("-1", "2147483648", "1.5");
        List<Case> cases = List.of(
                new Case("--tol", List.of("-1"), "equiv", n, n, "--tol", "V"),
                new Case("--eps", List.of("-1"), "equiv", n, n, "--eps", "V"),
                new Case("--box", List.of("0,1e999", "-1e400,0", "NaN,1", "0,inf", "2,1", "0,10^(10^9)", "1;2;3"),
                        "equiv", n, n, "--box", "V"),
                new Case("--points", counts, "equiv", n, n, "--points", "V"),
                new Case("--seed", List.of("1.5"), "equiv", n, n, "--seed", "V"),
                new Case("--tol", List.of("-1"), "canon", n, "--tol", "V"),
                new Case("--tol", List.of("-1"), "replay", n, n, "--tol", "V"),
                new Case("--digits", counts, "hash", n, "--digits", "V"),
                new Case("--at", List.of("1,2", "1e-400"), "eval", n, "--at", "V"),
                new Case("--digits", counts, "eval", n, "--exact", "--at", "1", "--digits", "V"),
                new Case("--at", List.of("1,2", "1e-400"), "demo", "--at", "V"),
                new Case("--digits", counts, "demo", "--digits", "V"),
                new Case("--at", List.of("1,2", "1e-400"), "robust", n, "--at", "V", "--eps", "0.1"),
                new Case("--eps", List.of("-1", "0", "1e-400"), "robust", n, "--at", "1", "--eps", "V"),
                new Case("--steps", counts, "robust", n, "--at", "1", "--eps", "0.1", "--steps", "V"),
                new Case("--restarts", counts, "robust", n, "--at", "1", "--eps", "0.1", "--restarts", "V"),
                new Case("--time-limit", List.of("-1", "0", "1e9"), "identifiability", "tanh", "--time-limit", "V"),
                new Case("--time-limit", List.of("-1", "0", "1e9"), "null-search", "tanh", "--time-limit", "V"),
                new Case("--time-limit", counts, "theory", "verify", "tanh", "--time-limit", "V"),
                new Case("--inputs", counts, "null-search", "tanh", "--inputs", "V"),
                new Case("--max-units", counts, "null-search", "tanh", "--max-units", "V"),
                new Case("--depth", counts, "null-search", "tanh", "--depth", "V"),
                new Case("--grid", List.of("b=0..5:0", "b=0..1e999:1", "b=NaN..1:1", "b=0..10^(10^9):1"),
                        "null-search", "tanh", "--grid", "V"),
                new Case("--sample", counts, "orbit", n, "--out", out, "--sample", "V"),
                new Case("--eps", List.of("-1"), "dedup", dir.toString(), "--eps", "V"),
                new Case("--threads", counts, "dedup", dir.toString(), "--threads", "V"),
                new Case("--pairs", counts, "bench-relu", "--pairs", "V"),
                new Case("--eps", List.of("-1"), "bench-diff", "--eps", "V"),
                new Case("--limit", List.of("-1", "0", "1e9"), "bench-diff", "--limit", "V"),
                new Case("--cpu-limit", List.of("-1", "0", "1e9"), "bench-diff", "--cpu-limit", "V"),
                new Case("--width", List.of("-1", "2147483648"), "bench", "--width", "V"),
                new Case("--seeds", List.of("2147483648"), "bench-dedup", "--seeds", "V"),
                new Case("--max-width", List.of("2147483648"), "bench-equiv", "--max-width", "V"));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            List<String> values = new ArrayList<>(NEVER);
            values.addAll(c.extra());
            for (String v : values) {
                String[] args = c.with(v);
                MainTest.Run r = MainTest.run(args);
                String err = r.err().strip();
                String shown = String.join(" ", args);
                shown = shown.length() > 120 ? shown.substring(0, 120) + "…" : shown;
                if (r.code() != 2 || err.lines().count() != 1 || !err.contains(c.option()) || err.length() > 600
                        || err.contains("Exception")) {
                    failures.add(shown + " → exit " + r.code() + ": "
                            + (err.length() > 300 ? err.substring(0, 300) + "…" : err)
                            + (r.code() == 2 ? "" : " | out: " + r.out().lines().findFirst().orElse("")));
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " hostile values not refused as they should be:\n"
                + String.join("\n", failures));
    }

    /**
     * Issue 19: exact coordinates far outside the doubles (or far inside 0) in exact and interval
     * evaluation, for activations whose exact evaluation overflows, saturates or oscillates, are
     * answered (exit 0) or refused with one line (exit 2), never an internal error.
     */
    @Test
    void exactCoordinatesBeyondTheDoublesAreAnsweredOrRefusedInOneLineInEveryMode() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String activation : List.of("tanh", "logistic", "exp", "sin", "softplus", "gelu", "cube")) {
            Path net = dir.resolve(activation + ".json");
            Files.writeString(net, "{\"format\": \"nnid-network/1\", \"activation\": \"" + activation + "\", \"inputs\": 1,"
                    + " \"layers\": [{\"weights\": [[\"10^300\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}");
            for (String mode : List.of("--exact", "--interval")) {
                for (String at : List.of("1e400", "-10^(10^4)", "10^-(10^4)", "Pi*10^300", "-1/3")) {
                    MainTest.Run r = MainTest.run("eval", net.toString(), mode, "--at", at);
                    boolean clean = r.code() == 0 || (r.code() == 2 && r.err().strip().lines().count() == 1);
                    if (!clean) {
                        failures.add(activation + " " + mode + " --at " + at + " → exit " + r.code() + ": " + r.err());
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
