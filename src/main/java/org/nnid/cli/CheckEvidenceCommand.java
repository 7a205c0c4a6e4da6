package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nnid.equiv.EvidenceChecker;
import org.nnid.equiv.VerdictFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid check-evidence}: re-check a saved verdict without trusting the checker. */
@Command(name = "check-evidence", mixinStandardHelpOptions = true,
        description = {"Re-check a saved verdict (nnid equiv --evidence FILE or --json) independently of the checker:",
                "replay certificates, re-evaluate witnesses in interval arithmetic, re-run exact zero tests.",
                "Prints HOLDS (exit 0) or FAILS (exit 1) with one line per piece of evidence."})
final class CheckEvidenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a saved verdict (nnid-verdict/1)")
    Path file;

    @Mixin
    TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @Override
    public Integer call() {
        EvidenceChecker.Report report = check(file, theories);
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.holds() ? "HOLDS" : "FAILS");
        report.lines().forEach(l -> out.println("  " + l));
        return report.holds() ? ExitCode.OK : ExitCode.NO;
    }

    static EvidenceChecker.Report check(Path file, TheoryCommand.UserTheories theories) {
        String text = TextFiles.read(file, "a verdict file (JSON text)");
        VerdictFile.Saved saved = VerdictFile.parse(text, file.toString(), theories.registry()::parseNetwork);
        try {
            return EvidenceChecker.check(saved, theories.registry());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
    }
}
