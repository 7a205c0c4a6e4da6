package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.equiv.Box;
import org.nnid.equiv.Checker;
import org.nnid.equiv.Evidence;
import org.nnid.equiv.Question;
import org.nnid.equiv.VerdictFile;
import org.nnid.net.Network;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid equiv}: do two networks realise the same function? */
@Command(name = "equiv", mixinStandardHelpOptions = true,
        description = {"Decide whether two networks realise the same function (docs/math.md §6), exactly: a double weight is",
                "the rational it denotes. The first line of output is the verdict:",
                "  EQUIVALENT      exit 0  proved equal on the domain (certificates, an exact procedure, or Symja's 0)",
                "  NOT_EQUIVALENT  exit 1  proved different (a witness input in the domain, an exact procedure, or a theorem)",
                "  UNKNOWN         exit 3  neither proved; the reason and the evidence gathered follow",
                "With --eps E the question is closeness instead, max |A - B| <= E on the domain:",
                "  WITHIN_EPS      exit 0  a proved bound <= E",
                "  EXCEEDS_EPS     exit 1  an input where |A - B| > E is proved",
                "  UNKNOWN         exit 3  neither proved",
                "Bad input: exit 2. Internal error: exit 4. Closeness of parameters (--tol) is reported as a finding,",
                "never as EQUIVALENT. The domain is --box, else the input box the networks declare, else all of R^n."},
        sortOptions = false)
final class EquivCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "the first network")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "the second network")
    Path b;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-12",
            description = {"relative parameter tolerance of the closeness finding (default: ${DEFAULT-VALUE}): when the",
                    "canonical forms of double networks agree with |x-y| <= T*max(|x|,|y|) for every value, this is",
                    "reported beside the verdict, with a proved bound on max |A - B| over the box; never a proof of",
                    "equality. 0: no finding"})
    double tol;

    @Option(names = "--eps", paramLabel = "E",
            description = {"ask whether max |A - B| <= E on the domain (output by output) instead of exact equality:",
                    "WITHIN_EPS, EXCEEDS_EPS or UNKNOWN"})
    Double eps;

    @Option(names = "--box", paramLabel = "LO,HI",
            description = {"the domain: LO,HI for every coordinate, LO1,HI1;LO2,HI2;... one per coordinate (read exactly:",
                    "0.1 is 1/10; 1/3 and Pi/4 work), or 'all'",
                    "for all of R^n even when the networks declare an input box (the default domain is that box)"})
    String box;

    @Option(names = "--symbolic", description = "also ask Symja whether A - B simplifies to 0 (a second opinion, time-limited)")
    boolean symbolic;

    @Option(names = "--json", description = "print the verdict with its evidence and timings as JSON (nnid-verdict/1)")
    boolean json;

    @picocli.CommandLine.Mixin
    OutputFiles outputs = new OutputFiles();

    @Option(names = "--evidence", paramLabel = "FILE",
            description = "save the verdict with its evidence (no timings) to FILE, for nnid check-evidence")
    Path evidenceFile;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the witness search (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--points", paramLabel = "N", defaultValue = "64",
            description = "random points tried by the witness search, 1 to 1000000 (default: ${DEFAULT-VALUE})")
    int points;

    @Mixin
    TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @Mixin
    NetworkInput input = new NetworkInput();

    @Override
    public Integer call() {
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new UserInputException("--tol: expected a finite number >= 0, found " + tol);
        }
        Counts.require("--points", points, 1, Counts.MAX_POINTS);
        outputs.check("--evidence", evidenceFile, a, b);
        Network na = Engine.read(a, theories, input);
        Network nb = Engine.read(b, theories, input);
        Checker.Options options = Checker.Options.defaults().withRegistry(theories.registry()).withTolerance(tol)
                .withSymbolic(symbolic).withSearch(seed, points);
        Checker.Result r;
        try {
            if (eps != null) {
                options = options.withQuestion(new Question.Closeness(eps));
            }
            if (box != null && box.strip().equals("all")) {
                options = options.onAllOfRn();
            } else if (box != null) {
                options = options.withBox(Box.parse(box, na.inputCount()));
            }
            r = Checker.check(na, nb, options);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(a + ", " + b + ": " + e.getMessage());
        }
        if (evidenceFile != null) {
            Path dir = evidenceFile.toAbsolutePath().getParent();
            Engine.writeResult(evidenceFile, VerdictFile.write(na, relative(dir, a), nb, relative(dir, b), r, false),
                    a, b);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(VerdictFile.write(na, a.toString(), nb, b.toString(), r, true));
            return r.verdict().exitCode();
        }
        print(out, r);
        spec.commandLine().getErr().println("checked in " + r.timings().get("total") + " ms");
        return r.verdict().exitCode();
    }

    static void print(PrintWriter out, Checker.Result r) {
        out.println(r.verdict() + " (" + r.qualifier() + ")");
        out.println("  question: " + r.question().describe() + ", on " + r.domain().description());
        out.println("  reason: " + r.reason());
        for (String s : r.steps()) {
            out.println("  prepared: " + s);
        }
        for (Evidence e : r.evidence()) {
            out.println("  evidence: " + e.describe());
            e.dataLines().forEach(l -> out.println("            " + l));
        }
        for (String f : r.findings()) {
            out.println("  finding: " + f);
        }
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
    }

    private static String relative(Path dir, Path file) {
        try {
            return dir.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return file.toAbsolutePath().toString();
        }
    }
}
