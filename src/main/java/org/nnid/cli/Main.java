package org.nnid.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

import org.nnid.io.NetworkFormatException;
import org.nnid.scalar.ScalarFormatException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnid} command: a thin layer over the library. Every failure the user can cause ends
 * in one line on stderr and exit code 2; a failure inside nnid ends in one line and exit code 4
 * (set NNID_DEBUG=1 for the stack trace). The process always exits explicitly, because Symja
 * leaves non-daemon threads running (NOTES.md).
 */
@Command(name = "nnid", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Identifiability of neural networks: evaluate, show and compare networks exactly.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success / yes", "  1  a negative answer", "  2  bad usage or bad input",
                "  3  unknown", "  4  internal error (a bug in nnid)"})
public final class Main implements Runnable {
    /**
     * The subcommands, in the order help lists them. picocli builds a command's model by
     * reflection, which costs most of the start-up when done for all of them (about 0.4 s of CPU):
     * a command line naming one command builds that one alone; help, completion and anything
     * else build them all.
     */
    private static final List<Class<?>> COMMANDS = List.of(EvalCommand.class, ShowCommand.class, CanonCommand.class,
            CanonCommand.Reduce.class, HashCommand.class, ReplayCommand.class, EquivCommand.class,
            CheckEvidenceCommand.class, VerifyCommand.class, NullSearchCommand.class, IdentifiabilityCommand.class,
            RobustCommand.class, ParadoxCommand.class, TheoryCommand.class, OrbitCommand.class, DiffCommand.class,
            ConvertCommand.class, BenchCommand.class, BenchEquivCommand.class, BenchReluCommand.class,
            BenchDiffCommand.class, VnnlibCommand.class, DedupCommand.class, ZooCommand.class, BenchDedupCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class);
    /** Commands that need every command's model: help lists them, completion writes them out. */
    private static final Set<Class<?>> NEED_ALL = Set.of(CommandLine.HelpCommand.class,
            picocli.AutoComplete.GenerateCompletion.class);

    /** The command line with the subcommands {@code args} can reach (see {@link #COMMANDS}). */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        boolean versionOnly = args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
        if (versionOnly) {
            return cl;
        }
        Class<?> named = null;
        for (Class<?> c : COMMANDS) {
            if (args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0]) && !NEED_ALL.contains(c)) {
                named = c;
            }
        }
        for (Class<?> c : COMMANDS) {
            if (named == null || c == named) {
                cl.addSubcommand(c);
            }
        }
        return cl;
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command line and returns its exit code (used by tests; does not exit). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        HelpText.install(cl);
        cl.setExecutionStrategy(parsed -> {
            List<CommandLine> chain = parsed.asCommandLineList();
            String name = chain.size() > 1 ? chain.get(1).getCommandName() : "";
            String full = chain.get(chain.size() - 1).getCommandSpec().qualifiedName().replaceFirst("^nnid ", "");
            if (name.isEmpty() || Heartbeat.OWN_PROGRESS.contains(name)) {
                return new CommandLine.RunLast().execute(parsed);
            }
            try (Heartbeat beat = new Heartbeat(err, full)) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            List<String> near = ex instanceof CommandLine.UnmatchedArgumentException u ? Suggestions.of(u) : List.of();
            String suggestion = near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
            // picocli quotes the whole value: a 100,000-digit one is shortened like every hostile value
            String message = firstLine(ex.getMessage()).replaceAll("(\\S{79})\\S+", "$1…");
            err.println("nnid: " + message + suggestion + " (see: " + c.getCommandSpec().qualifiedName()
                    + " --help)");
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (causedBy(ex, OutOfMemoryError.class)) { // in a worker thread, wrapped by its executor
                err.println(OUT_OF_MEMORY);
                return ExitCode.INTERNAL;
            }
            if (ex instanceof NetworkFormatException || ex instanceof UserInputException
                    || ex instanceof ScalarFormatException || ex instanceof org.nnid.net.ActivationEvaluationException) {
                err.println("nnid: " + firstLine(ex.getMessage()));
                return ExitCode.BAD_INPUT;
            }
            err.println("nnid: internal error: " + ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage())
                    + " (please report it; NNID_DEBUG=1 shows the stack trace)");
            if (System.getenv("NNID_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCode.INTERNAL;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Never a verdict: exit 1 would read as "not equivalent" (the JVM's own code for an uncaught error).
            err.println(OUT_OF_MEMORY);
            code = ExitCode.INTERNAL;
        } catch (StackOverflowError e) {
            err.println("nnid: internal error: the stack overflowed (an input nested deeper than nnid's budgets"
                    + " allow for; please report it; java -Xss… raises the stack)");
            code = ExitCode.INTERNAL;
        }
        out.flush();
        err.flush();
        return code;
    }

    private static final String OUT_OF_MEMORY =
            "nnid: out of memory (the input needs more than this JVM's heap; java -Xmx… raises it)";

    private static boolean causedBy(Throwable t, Class<? extends Throwable> kind) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (kind.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The longest message printed: a problem quoting a whole hostile value would fill the screen. */
    static final int MAX_MESSAGE = 600;

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 1) + "…";
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version and the commit the build recorded. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nnid " + org.nnid.io.NnidVersion.get()};
        }
    }
}
