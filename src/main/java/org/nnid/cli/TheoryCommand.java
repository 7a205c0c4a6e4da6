package org.nnid.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nnid.theory.AffineRelation;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.SymmetryElement;
import org.nnid.theory.SymmetryFamily;
import org.nnid.theory.Theory;
import org.nnid.theory.TheoryFile;
import org.nnid.theory.TheoryFormatException;
import org.nnid.registry.TheoryRegistry;
import org.nnid.registry.TheoryRejectedException;
import org.nnid.registry.TheoryVerifier;
import org.nnid.registry.VerificationReport;
import org.nnid.registry.VerificationReport.Fact;
import org.nnid.registry.VerificationReport.Status;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid theory list|show|verify}: the registry of nonlinearity theories ({@code theories/}),
 * one theory in full, and the machine check of every declared fact (issue 3).
 */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "List, show and verify the theories of nonlinearities (symmetry groups, normal forms,"
                + " affine relations, null-freeness).",
        subcommands = {TheoryCommand.ListTheories.class, TheoryCommand.ShowTheory.class,
                TheoryCommand.VerifyTheories.class})
public final class TheoryCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show or verify");
    }

    /**
     * {@code --theory FILE}: user theories, for any command ({@code @Mixin TheoryCommand.UserTheories}).
     * Before a command uses one, every fact in it is verified; a false fact rejects the file with
     * its counterexample (exit code 2).
     */
    public static final class UserTheories {
        @Option(names = "--theory", paramLabel = "FILE",
                description = "load a user theory file (its facts are verified before it is used); repeatable")
        private List<Path> files = new ArrayList<>();

        public List<Path> files() {
            return List.copyOf(files);
        }

        /** The built-in theories plus the user's, each verified; a malformed or false one is bad input. */
        public TheoryRegistry registry() {
            TheoryRegistry r = TheoryRegistry.builtins();
            for (Path f : files) {
                try {
                    r = r.withVerified(f, TheoryVerifier.Options.defaults());
                } catch (TheoryFormatException | TheoryRejectedException | IllegalArgumentException e) {
                    throw new UserInputException(e.getMessage());
                }
            }
            return r;
        }

        /** The built-in theories plus the user's, read but not verified (for {@code theory verify}). */
        TheoryRegistry unverifiedRegistry() {
            TheoryRegistry r = TheoryRegistry.builtins();
            for (Path f : files) {
                r = withFile(r, f);
            }
            return r;
        }
    }

    private static TheoryRegistry withFile(TheoryRegistry r, Path f) {
        try {
            return r.withFile(f);
        } catch (TheoryFormatException | IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private static Theory lookup(TheoryRegistry r, String name) {
        try {
            return r.get(name);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------ list

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the known theories.")
    static final class ListTheories implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private UserTheories user;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"name", "aliases", "symmetry group", "normal form", "null-free"});
            for (Theory t : user.unverifiedRegistry().theories()) {
                rows.add(new String[] {t.name(), t.aliases().isEmpty() ? "-" : String.join(",", t.aliases()),
                        t.group().toString(), t.normalForm().rule(), t.nullFreeness().status().word()
                        + (t.builtin() ? "" : " (user theory: " + t.source() + ")")});
            }
            int[] width = new int[4];
            for (String[] r : rows) {
                for (int i = 0; i < 4; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 4; i++) {
                    b.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
                }
                out.println(b.append(r[4]).toString().stripTrailing());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    // ------------------------------------------------------------------------------ show

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print one theory in full: definition, symmetry group, normal form, relations, null-freeness.")
    static final class ShowTheory implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private UserTheories user;

        @Parameters(index = "0", paramLabel = "NAME", description = "a theory name or alias, or a theory file")
        private String name;

        @Override
        public Integer call() {
            Theory t = resolve(user.unverifiedRegistry(), name).theory;
            PrintWriter out = spec.commandLine().getOut();
            out.println("theory " + t.name() + " (" + t.source() + (t.builtin() ? ", built-in" : ", user theory") + ")");
            if (!t.aliases().isEmpty()) {
                out.println("aliases:     " + String.join(", ", t.aliases()));
            }
            if (!t.description().isEmpty()) {
                out.println("description: " + t.description());
            }
            out.println("definition:  " + t.name() + "(t) = " + t.definition());
            t.parameters().forEach((k, v) -> out.println("parameter:   " + k + " = " + v.toText()
                    + t.parameterCondition().map(c -> "  (condition: " + c + ")").orElse("")));
            out.println("evaluation:  " + evaluation(t));
            out.println("symmetry group S_ρ (elements ρ(a·t+b) = c·ρ(t)+d, as (a,b,c,d)):");
            out.println("  (1,0,1,0)  the identity");
            for (SymmetryElement e : t.group().elements()) {
                out.println("  " + e);
            }
            for (SymmetryFamily f : t.group().families()) {
                out.println("  " + f);
            }
            out.println("normal form: " + (t.normalFormDeclared() || t.group().isTrivial()
                    ? t.normalForm().rule() + ": " + t.normalForm().describe()
                    : "none declared; the identity is used (sound, but symmetric nodes are not identified)"));
            if (t.relations().isEmpty()) {
                out.println("relations:   none");
            }
            for (AffineRelation r : t.relations()) {
                out.println("relation:    " + r);
            }
            NullFreeness nf = t.nullFreeness();
            out.println("null-free:   " + nf.status().word());
            nf.citation().ifPresent(c -> out.println("  citation:  " + c));
            nf.byRelation().ifPresent(r -> out.println("  by the affine relation to " + r
                    + " (a null network would convert into one of " + r + ")"));
            for (NullFreeness.NullNetwork n : nf.nullNetworks()) {
                out.println("  null network: " + n.file());
            }
            if (!nf.evidence().isEmpty()) {
                out.println("  evidence:  " + nf.evidence());
            }
            out.flush();
            return ExitCode.OK;
        }

        private static String evaluation(Theory t) {
            if (t.activation() instanceof org.nnid.activation.DefinedActivation d) {
                return "from the definition (double" + (d.hasIntervalExtension()
                        ? " and natural interval extension)"
                        : "; no rigorous interval extension, so no rigorous witnesses)");
            }
            return "built-in activation '" + t.activation().name() + "' (double and sound interval extension)";
        }
    }

    // ------------------------------------------------------------------------------ verify

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check every fact of a theory (all theories without an argument) and say how each was"
                    + " checked: proved exactly or symbolically, cited, checked numerically, or failed with a"
                    + " counterexample.",
                    "Exit code 0: every fact verified; 1: a fact is false; 3: a fact could not be verified."})
    static final class VerifyTheories implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private UserTheories user;

        @Parameters(index = "0", arity = "0..1", paramLabel = "THEORY|FILE",
                description = "a theory name or alias, or a theory file")
        private String target;

        @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "5",
                description = "time limit of each Symja call, 1 to 3600 (default: ${DEFAULT-VALUE}); a call that runs out"
                        + " leaves the fact checked numerically only")
        private int timeLimit;

        @Option(names = "--numeric-only", description = "do not ask Symja; check numerically only")
        private boolean numericOnly;

        @Override
        public Integer call() {
            Counts.require("--time-limit", timeLimit, 1, (int) Counts.MAX_SECONDS);
            TheoryVerifier.Options options = TheoryVerifier.Options.defaults()
                    .withTimeLimit(Duration.ofSeconds(timeLimit)).withSymbolic(!numericOnly);
            TheoryRegistry registry = user.unverifiedRegistry();
            List<Theory> theories;
            if (target == null) {
                theories = registry.theories();
            } else {
                Resolved r = resolve(registry, target);
                registry = r.registry;
                theories = List.of(r.theory);
            }
            PrintWriter out = spec.commandLine().getOut();
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            int facts = 0;
            for (Theory t : theories) {
                VerificationReport report;
                Heartbeat.phase("verifying " + t.name());
                try {
                    report = registry.verify(t, options);
                } catch (TheoryFormatException e) {
                    throw new UserInputException(e.getMessage());
                }
                long failed = report.failures().size();
                out.println(t.name() + " (" + t.source() + "): " + report.facts().size() + " facts, "
                        + (failed > 0 ? failed + " false" : !report.allReliable() ? "some unverified"
                        : t.builtin() || report.facts().stream().allMatch(f -> f.status().proved()) ? "all verified"
                        : "none false; verdicts rest only on the proved ones (a symmetry checked numerically is not relied on)"));
                for (Fact f : report.facts()) {
                    out.println("  " + pad(f.status().name()) + f.message(report.source()));
                    counts.merge(f.status(), 1, Integer::sum);
                    facts++;
                }
            }
            List<String> parts = new ArrayList<>();
            for (Status s : Status.values()) {
                parts.add(counts.getOrDefault(s, 0) + " " + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
            out.println("summary: " + theories.size() + " theor" + (theories.size() == 1 ? "y" : "ies") + ", " + facts
                    + " facts: " + String.join(", ", parts));
            out.flush();
            if (counts.getOrDefault(Status.FAILED, 0) > 0) {
                return ExitCode.NO;
            }
            return counts.getOrDefault(Status.UNVERIFIED, 0) > 0 ? ExitCode.UNKNOWN : ExitCode.OK;
        }

        private static String pad(String s) {
            return s + " ".repeat(Math.max(1, 24 - s.length()));
        }
    }

    private record Resolved(TheoryRegistry registry, Theory theory) {}

    /**
     * A name in the registry, or a theory file, which takes the place of a theory of the same name
     * for this command (so a modified copy of a built-in theory can be checked).
     */
    private static Resolved resolve(TheoryRegistry registry, String nameOrFile) {
        Path p = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".theory") || (registry.find(nameOrFile).isEmpty() && Files.exists(p))) {
            Theory t;
            try {
                t = TheoryFile.read(p);
            } catch (TheoryFormatException e) {
                throw new UserInputException(e.getMessage());
            }
            try {
                return new Resolved(registry.replacing(t), t);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        return new Resolved(registry, lookup(registry, nameOrFile));
    }
}
