package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.nnid.equiv.ProofsExamples;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid verify DIR}: re-check every worked claim in a folder such as proofs-examples/. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-check every claim stored under DIR (e.g. proofs-examples/): saved verdicts (*.verdict.json:",
                "their evidence, their networks, and the checker's answer today), certificates (X.certificate.json",
                "replays on X.json) and canonical forms (X.canonical.json). Exit 0 when all hold, 1 otherwise."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the folder of claims")
    Path dir;

    @Mixin
    TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a folder");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<ProofsExamples.Check> checks = ProofsExamples.verify(dir, theories.registry(), f -> err.println("checking " + f));
        PrintWriter out = spec.commandLine().getOut();
        long failed = checks.stream().filter(c -> !c.ok()).count();
        for (ProofsExamples.Check c : checks) {
            out.println((c.ok() ? "ok      " : "FAILED  ") + dir.relativize(c.file()) + ": " + c.message());
        }
        out.println(failed == 0 ? "all " + checks.size() + " checks hold" : failed + " of " + checks.size() + " checks FAILED");
        return failed == 0 ? ExitCode.OK : ExitCode.NO;
    }
}
