package org.nnid.registry;

import org.nnid.theory.Theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnid.cli.ExitCode;
import org.nnid.cli.TheoryCommand;
import org.nnid.cli.UserInputException;

import picocli.CommandLine;

/** {@code nnid theory list|show|verify}, run as Main runs it (bad user input: exit code 2). */
class TheoryCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TheoryCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            if (ex instanceof UserInputException) {
                c.getErr().println("nnid: " + ex.getMessage());
                return ExitCode.BAD_INPUT;
            }
            throw ex;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listPrintsEveryTheoryWithItsGroupAndStatus() {
        Run r = run("list");
        assertEquals(ExitCode.OK, r.code());
        for (Theory t : TheoryFixtures.BUILTINS.theories()) {
            assertTrue(r.out().contains("\n" + t.name() + " "), t.name());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tanh ") && l.contains("{id, (-1,0,-1,0)}")
                && l.endsWith("proved")), r.out());
        assertEquals(run("list").out(), r.out()); // deterministic
    }

    @Test
    void showPrintsOneTheoryInFull() {
        Run r = run("show", "sigmoid");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().startsWith("theory logistic (logistic.theory, built-in)"), r.out());
        assertTrue(r.out().contains("  (-1,0,-1,1)\n"));
        assertTrue(r.out().contains("normal form: flip_first_significant"));
        assertTrue(r.out().contains("relation:    logistic(t) = 1/2·tanh(1/2·t) + 1/2"));
        assertTrue(r.out().contains("by the affine relation to tanh"));
    }

    @Test
    void unknownTheoryIsBadInput() {
        Run r = run("show", "nosuch");
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("nnid: unknown theory 'nosuch' (known: abs, arctan"), r.err());
    }

    @Test
    void verifyReportsHowEachFactWasChecked() {
        Run r = run("verify", "relu");
        assertEquals(ExitCode.OK, r.code(), r.out());
        assertTrue(r.out().startsWith("relu (relu.theory): 6 facts, all verified\n"), r.out());
        assertTrue(r.out().contains("PROVED_EXACTLY          null network null/relu-shift.json"), r.out());
        assertTrue(r.out().contains("summary: 1 theory, 6 facts: 3 proved exactly, 1 proved symbolically, 0 cited,"
                + " 2 checked numerically, 0 timed out numeric only, 0 unverified, 0 failed"), r.out());
    }

    @Test
    void verifyRejectsAFalseFileWithExitCode1(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("relu.theory");
        Files.writeString(file, "name: relu\ndefinition: Max(0,t)\nactivation: relu\nsymmetries: [[-1, 0, -1, 0]]\n");
        Run r = run("verify", file.toString());
        assertEquals(ExitCode.NO, r.code());
        assertTrue(r.out().contains("FAILED                  " + file
                + ": symmetry (-1,0,-1,0) fails at t = 0.7: left 0, right -0.7"), r.out());
    }

    @Test
    void verifyExitsWith3WhenAFactCannotBeVerified(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mytanh.theory");
        Files.writeString(file, "name: mytanh\ndefinition: Tanh(t)\nnull_free: {status: proved, citation: \"[VB-A]\"}\n");
        Run r = run("verify", "--numeric-only", "--theory", file.toString(), "mytanh");
        assertEquals(ExitCode.UNKNOWN, r.code(), r.out());
        assertTrue(r.out().contains("UNVERIFIED"), r.out());
    }

    @Test
    void aMalformedUserTheoryIsBadInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.theory");
        Files.writeString(file, "name: bad\n");
        Run r = run("list", "--theory", file.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertEquals("nnid: " + file + ": missing key 'definition'", r.err().strip());
    }

    @Test
    void theUserTheoriesMixinRejectsAFalseTheoryForOtherCommands(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("myrelu.theory");
        Files.writeString(file, "name: myrelu\ndefinition: Max(0,t)\nsymmetries: [[-1, 0, -1, 0]]\n");
        TheoryCommand.UserTheories user = new TheoryCommand.UserTheories();
        new CommandLine(user).parseArgs("--theory", file.toString());
        UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(UserInputException.class, user::registry);
        assertEquals(file + ": symmetry (-1,0,-1,0) fails at t = 0.7: left 0, right -0.7", e.getMessage());
    }
}
