package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.equiv.Box;
import org.nnid.equiv.Checker;
import org.nnid.equiv.Evidence;
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
        description = {"Decide whether two networks realise the same function (MATH.md §6). The first line of output is",
                "the verdict: EQUIVALENT (exit 0) with a certificate or an exact proof, NOT_EQUIVALENT (exit 1) with a",
                "witness input or a theorem, or UNKNOWN (exit 3) with the reason and the evidence gathered.",
                "For double networks EQUIVALENT is always 'within tolerance T' unless proved exactly."})
final class EquivCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "the first network")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "the second network")
    Path b;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-12",
            description = {"relative tolerance for double values (default: ${DEFAULT-VALUE}): canonical forms agree",
                    "when every pair of values has |x-y| <= T*max(|x|,|y|); 0 compares the doubles exactly, as the",
                    "rationals they are"})
    double tol;

    @Option(names = "--box", paramLabel = "LO,HI",
            description = {"compare on this input box: LO,HI for every coordinate or LO1,HI1;LO2,HI2;...",
                    "(the witness search stays in it, and a sound bound on max |A - B| over it is reported)"})
    String box;

    @Option(names = "--symbolic", description = "also ask Symja whether A - B simplifies to 0 (a second opinion, time-limited)")
    boolean symbolic;

    @Option(names = "--json", description = "print the verdict with its evidence and timings as JSON (nnid-verdict/1)")
    boolean json;

    @Option(names = "--evidence", paramLabel = "FILE",
            description = "save the verdict with its evidence (no timings) to FILE, for nnid check-evidence")
    Path evidenceFile;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the witness search (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--points", paramLabel = "N", defaultValue = "64",
            description = "random points tried by the witness search (default: ${DEFAULT-VALUE})")
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
        if (points < 1) {
            throw new UserInputException("--points: expected at least 1, found " + points);
        }
        Network na = Engine.read(a, theories, input);
        Network nb = Engine.read(b, theories, input);
        Checker.Options options = new Checker.Options(theories.registry(), tol, null, symbolic,
                Checker.Options.defaults().symbolicLimit(), seed, points);
        Checker.Result r;
        try {
            if (box != null) {
                options = options.withBox(Box.parse(box, na.inputCount()));
            }
            r = Checker.check(na, nb, options);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(a + ", " + b + ": " + e.getMessage());
        }
        if (evidenceFile != null) {
            Path dir = evidenceFile.toAbsolutePath().getParent();
            Engine.writeResult(evidenceFile, VerdictFile.write(na, relative(dir, a), nb, relative(dir, b), r, false), a, b);
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
        out.println("  reason: " + r.reason());
        for (String s : r.steps()) {
            out.println("  prepared: " + s);
        }
        for (Evidence e : r.evidence()) {
            out.println("  evidence: " + e.describe());
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
