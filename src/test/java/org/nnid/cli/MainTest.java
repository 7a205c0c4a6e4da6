package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), ProgressLines.without(err.toString()));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String E1 = """
            {"format": "nnid-network/1", "activation": "tanh", "inputs": 1,
             "layers": [{"weights": [[1], [2]], "bias": [0.5, -1]}, {"weights": [[3, -1]], "bias": [0.25]}]}
            """;

    @Test
    void aCommandNamedAloneHasTheSameModelAsInTheFullCommandLine() {
        picocli.CommandLine full = Main.commandLine(new String[0]);
        assertTrue(full.getSubcommands().size() > 20);
        for (String name : full.getSubcommands().keySet()) {
            picocli.CommandLine alone = Main.commandLine(new String[] {name, "--help"});
            picocli.CommandLine.Help.Ansi off = picocli.CommandLine.Help.Ansi.OFF;
            assertEquals(full.getSubcommands().get(name).getUsageMessage(off),
                    alone.getSubcommands().get(name).getUsageMessage(off), name);
            assertTrue(full.getUsageMessage(off).contains(name), name);
        }
        assertEquals(run("--version").out(), run("-V").out());
        assertTrue(run("--version").out().startsWith("nnid "));
        assertTrue(run("help").out().contains("bench-equiv"));
    }

    @Test
    void evalPrintsEachOutputSoThatItReadsBackToTheSameDouble() throws IOException {
        Path net = write("e1.json", E1);
        Run r = run("eval", net.toString(), "--at", "0");
        assertEquals(0, r.code(), r.err());
        String value = r.out().strip().substring("y1 = ".length());
        assertEquals(2.397945627736, Double.parseDouble(value), 1e-12);
        assertEquals(value, Double.toString(Double.parseDouble(value)));
    }

    @Test
    void evalAcceptsNegativeCoordinates() throws IOException {
        Path net = write("e1.json", E1);
        Run r = run("eval", net.toString(), "--at", "-0.5");
        assertEquals(0, r.code(), r.err());
        double expected = 3 * Math.tanh(-0.5 + 0.5) - Math.tanh(2 * -0.5 - 1) + 0.25;
        assertEquals(expected, Double.parseDouble(r.out().strip().substring(5)), 1e-15);
    }

    @Test
    void intervalEvaluationEnclosesTheDoubleValue() throws IOException {
        Path net = write("e1.json", E1);
        Run r = run("eval", net.toString(), "--at", "1/3", "--interval");
        assertEquals(0, r.code(), r.err());
        String line = r.out().lines().findFirst().orElseThrow();
        String[] ends = line.substring(line.indexOf('[') + 1, line.indexOf(']')).split(",");
        double lo = Double.parseDouble(ends[0]);
        double hi = Double.parseDouble(ends[1]);
        double d = 3 * Math.tanh(1.0 / 3 + 0.5) - Math.tanh(2.0 / 3 - 1) + 0.25;
        assertTrue(lo <= d && d <= hi, line);
    }

    @Test
    void csvBatchEvaluatesEveryRow() throws IOException {
        Path net = write("e1.json", E1);
        Path csv = write("points.csv", "x\n0\n-1\n2.5\n");
        Run r = run("eval", net.toString(), "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        var lines = r.out().lines().toList();
        assertEquals("x1,y1", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("0,2.39794562773"));
    }

    @Test
    void badInputGivesOneLineExitCodeTwoAndNoStackTrace() throws IOException {
        Path net = write("bad.json", "{\"activation\": \"tanh\", \"inputs\": 1, \"layers\": [");
        Run r = run("eval", net.toString(), "--at", "0");
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("bad.json"), r.err());
        assertFalse(r.err().contains("at org."), r.err());

        Run missing = run("eval", dir.resolve("nope.json").toString(), "--at", "0");
        assertEquals(ExitCode.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("nope.json"), missing.err());

        Path good = write("e1.json", E1);
        Run dims = run("eval", good.toString(), "--at", "1,2");
        assertEquals(ExitCode.BAD_INPUT, dims.code());
        assertTrue(dims.err().contains("1 inputs, but 2 coordinates"), dims.err());

        Run notNumber = run("eval", good.toString(), "--at", "abc+");
        assertEquals(ExitCode.BAD_INPUT, notNumber.code());
        assertEquals(1, notNumber.err().strip().lines().count(), notNumber.err());

        Run usage = run("eval", good.toString());
        assertEquals(ExitCode.BAD_INPUT, usage.code());
        assertEquals(1, usage.err().strip().lines().count(), usage.err());
    }

    @Test
    void showPrintsJsonThatReadsBackAndDotThatNamesEveryNode() throws IOException {
        Path net = write("e1.json", E1);
        Run json = run("show", net.toString(), "--as", "json");
        assertEquals(0, json.code(), json.err());
        Path again = write("again.json", json.out());
        assertEquals(json.out(), run("show", again.toString(), "--as", "json").out());
        Run dot = run("show", net.toString(), "--as", "dot");
        assertTrue(dot.out().contains("digraph"));
        for (String id : new String[] {"x1", "h1_1", "h1_2", "y1"}) {
            assertTrue(dot.out().contains(id), id);
        }
    }

    /** issue 22: show of a 100,000-node chain in the general form, in every language, exit 0 without recursion. */
    @Test
    void showWritesAVeryDeepChainAsOneDefinitionPerNode() throws IOException {
        StringBuilder nodes = new StringBuilder();
        String previous = "x1";
        for (int l = 0; l < 100_000; l++) {
            nodes.append("{\"id\": \"n").append(l).append("\", \"bias\": 0.25, \"in\": {\"").append(previous)
                    .append("\": 0.5}},\n");
            previous = "n" + l;
        }
        Path net = write("chain.json", "{\"format\": \"nnid-network/1\", \"activation\": \"relu\", \"inputs\": [\"x1\"],"
                + " \"nodes\": [" + nodes + "{\"id\": \"y\", \"output\": true, \"in\": {\"" + previous + "\": 2}}]}");
        for (String form : new String[] {"symja", "latex", "json", "dot"}) {
            Run r = run("show", net.toString(), "--as", form);
            assertEquals(0, r.code(), form + ": " + r.err());
        }
        Run latex = run("show", net.toString(), "--as", "latex");
        assertTrue(latex.out().startsWith("% one definition per node"), latex.out().substring(0, 80));
        assertTrue(latex.out().contains("\nn_{99999} = \\max(0, 0.5 n_{99998} + 0.25)\ny = 2 n_{99999}\n"));
    }

    @Test
    void exactEvaluationGivesFortyConfirmedDigits() throws IOException {
        Path net = write("e1.json", E1.replace("0.5, -1", "\"1/2\", -1"));
        Run r = run("eval", net.toString(), "--at", "0", "--exact", "--digits", "40");
        assertEquals(0, r.code(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("y1 = 2.39794562773"), first);
        assertFalse(first.contains("only"), first);
    }

    @Test
    void canonicalFormsOfE7AndItsReductionAreIdenticalAndCertificatesReplay() throws IOException {
        Path e7 = Path.of("proofs-examples/e7-reduction/network.json");
        Path reduced = Path.of("proofs-examples/e7-reduction/reduced.json");
        Run a = run("canon", e7.toString(), "--certificate", dir.resolve("c.json").toString());
        Run b = run("canon", reduced.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.err().contains("5 -> 3 hidden nodes"), a.err());
        Run ok = run("replay", e7.toString(), dir.resolve("c.json").toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("VALID"));
        Run wrongNet = run("replay", reduced.toString(), dir.resolve("c.json").toString());
        assertEquals(ExitCode.NO, wrongNet.code());
        assertTrue(wrongNet.out().startsWith("INVALID: the certificate is for another network"), wrongNet.out());
        assertEquals(run("hash", e7.toString()).out(), run("hash", reduced.toString()).out());
        Run refuse = run("canon", e7.toString(), "--out", e7.toString());
        assertEquals(ExitCode.BAD_INPUT, refuse.code());
        assertTrue(refuse.err().contains("refusing to overwrite"), refuse.err());
    }

    /** tanh's theory file under another name and without the built-in evaluation or relations. */
    private Path userTanh() throws IOException {
        StringBuilder b = new StringBuilder();
        boolean skipping = false;
        for (String line : Files.readAllLines(Path.of("theories/tanh.theory"))) {
            if (line.startsWith("relations:")) {
                skipping = true;
            } else if (skipping && !line.startsWith(" ") && !line.isEmpty()) {
                skipping = false;
            }
            if (!skipping && !line.startsWith("activation:")) {
                b.append(line.startsWith("name: tanh") ? "name: mytanh" : line).append('\n');
            }
        }
        return write("mytanh.theory", b.toString());
    }

    @Test
    void rewriteCommandsTakeAVerifiedUserTheory() throws IOException {
        Path theory = userTanh();
        Path net = write("b.json", Files.readString(Path.of("proofs-examples/e1-tanh-sign-flip/b.json"))
                .replace("\"tanh\"", "\"mytanh\""));
        Path cert = dir.resolve("cert.json");
        Run canon = run("canon", net.toString(), "--theory", theory.toString(), "--certificate", cert.toString());
        assertEquals(0, canon.code(), canon.err());
        assertTrue(canon.err().contains("symmetry x1"), canon.err());
        Run replay = run("replay", net.toString(), cert.toString(), "--theory", theory.toString());
        assertEquals(0, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().startsWith("VALID"));
        Run without = run("canon", net.toString());
        assertEquals(ExitCode.BAD_INPUT, without.code());
        assertTrue(without.err().contains("unknown activation 'mytanh'"), without.err());
    }

    @Test
    void everyCommandThatReadsANetworkOrNamesATheoryTakesAUserTheory() throws IOException {
        String t = userTanh().toString();
        Path a = write("a.json", Files.readString(Path.of("proofs-examples/e1-tanh-sign-flip/a.json"))
                .replace("\"tanh\"", "\"mytanh\""));
        Path b = write("b.json", Files.readString(Path.of("proofs-examples/e1-tanh-sign-flip/b.json"))
                .replace("\"tanh\"", "\"mytanh\""));
        Run eval = run("eval", a.toString(), "--at", "1/3", "--theory", t);
        assertEquals(0, eval.code(), eval.err());
        Run builtIn = run("eval", "proofs-examples/e1-tanh-sign-flip/a.json", "--at", "1/3");
        assertEquals(builtIn.out(), eval.out(), "mytanh is tanh under another name");
        Run show = run("show", a.toString(), "--theory", t);
        assertEquals(0, show.code(), show.err());
        // docs/math.md E1: the two networks differ by a sign flip, a symmetry the user theory declares.
        Run diff = run("diff", a.toString(), b.toString(), "--theory", t);
        assertEquals(0, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().startsWith("identical exact canonical forms"), diff.out());
        Run count = run("orbit", a.toString(), "--count", "--theory", t);
        assertEquals(0, count.code(), count.err());
        assertTrue(count.out().startsWith("8  (mytanh"), count.out()); // docs/math.md §4.2: 2! * 2^2
        Run sample = run("orbit", a.toString(), "--sample", "2", "--out", dir.resolve("orbit").toString(), "--theory", t);
        assertEquals(0, sample.code(), sample.err());
        assertTrue(Files.readString(dir.resolve("orbit/orbit-1.json")).contains("mytanh"));
        Run theory = run("identifiability", "mytanh", "--theory", t);
        // the exit code says where null-freeness stands: 0 proved or cited, 3 open (a user's theory cites nothing here)
        assertTrue(theory.code() == 0 || theory.code() == ExitCode.UNKNOWN, theory.out() + theory.err());
        assertTrue(theory.out().contains("mytanh"), theory.out());
        Run one = run("identifiability", "--network", a.toString(), "--theory", t);
        assertTrue(one.code() == 0 || one.code() == ExitCode.UNKNOWN, one.out() + one.err());
        Path converted = dir.resolve("a-copy.json");
        Run convert = run("convert", a.toString(), converted.toString(), "--theory", t);
        assertEquals(0, convert.code(), convert.err());
        for (String[] args : new String[][] {{"eval", a.toString(), "--at", "1"}, {"show", a.toString()},
                {"diff", a.toString(), b.toString()}, {"orbit", a.toString(), "--count"},
                {"identifiability", "mytanh"}, {"null-search", "mytanh"}, {"convert", a.toString(), dir.resolve("x.json").toString()}}) {
            Run without = run(args);
            assertEquals(ExitCode.BAD_INPUT, without.code(), String.join(" ", args) + ": " + without.out() + without.err());
            assertTrue(without.err().contains("mytanh"), without.err());
        }
    }

    @Test
    void aUserTheoryWithAFalseSymmetryIsRefusedWithTheCounterexample() throws IOException {
        Path bad = write("badrelu.theory", """
                name: badrelu
                definition: Max(0,t)
                symmetries:
                  - [-1, 0, -1, 0]
                null_free:
                  status: unknown
                """);
        Path net = write("n.json", "{\"activation\": \"badrelu\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}, {\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}");
        Run r = run("canon", net.toString(), "--theory", bad.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("symmetry (-1,0,-1,0) fails at t ="), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void demoRunsAndEndsInAgreement() {
        Run r = run("demo");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Equal to all 40 digits"), r.out());
        assertTrue(r.out().contains("both certificates VALID"), r.out());
        assertTrue(r.out().contains("EQUIVALENT: the canonical forms are identical"), r.out());
    }

    @Test
    void orbitCountWorksOnAnyLayeredGraphAndShowsTheFormula() {
        // E7's reduced network is layered but stored node by node; reduce's own output likewise.
        Run r = run("orbit", "proofs-examples/e7-reduction/reduced.json", "--count");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("16  (tanh"), r.out());
        assertTrue(r.out().contains("2! * 1! * 2^3"), r.out());
        Run dag = run("orbit", "proofs-examples/deep-dag-skip/a.json", "--count");
        assertEquals(2, dag.code(), dag.out());
        assertTrue(dag.err().contains("skips a level"), dag.err());
    }

    @Test
    void canonRefusesOutputsThatWouldReplaceEachOtherOrADirectory() throws IOException {
        Path net = write("e1.json", E1);
        Path f = dir.resolve("x.json");
        Run same = run("canon", net.toString(), "--out", f.toString(), "--certificate", f.toString());
        assertEquals(2, same.code(), same.err());
        assertFalse(Files.exists(f));
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Run onDir = run("canon", net.toString(), "--out", folder.toString());
        assertEquals(2, onDir.code(), onDir.err());
        assertTrue(onDir.err().contains("it is a directory"), onDir.err());
        assertTrue(Files.isDirectory(folder));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
