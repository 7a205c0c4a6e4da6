package org.nnid.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.commons.math3.fraction.BigFraction;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.stability.Attacks;
import org.nnid.stability.Decision;
import org.nnid.stability.Mlp;
import org.nnid.stability.Norm;
import org.nnid.stability.Problem;
import org.nnid.stability.Robustness;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid robust}: bounds on the minimal adversarial distance of a classifier at a point. */
@Command(name = "robust", mixinStandardHelpOptions = true,
        description = {"Robustness of a classifier at a point: certified lower bounds (IBP, CROWN), the exact minimal",
                "adversarial distance where an exact method applies, attacks (FGSM, PGD, bisection) with proved",
                "witnesses, and the verdict at --eps.  Exit 0 robust at eps, 1 not robust, 3 unknown."})
final class RobustCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    private NetworkInput input = new NetworkInput();

    @Parameters(index = "0", paramLabel = "NET", description = "the network file (.json): layered, affine outputs")
    Path net;

    @Option(names = "--at", required = true, paramLabel = "X1,X2,..", description = "the point, read exactly")
    String at;

    @Option(names = "--eps", required = true, paramLabel = "E", description = "the radius to decide, > 0")
    String eps;

    @Option(names = "--norm", defaultValue = "inf", paramLabel = "inf|2", description = "default: ${DEFAULT-VALUE}")
    String norm;

    @Option(names = "--class-threshold", paramLabel = "T",
            description = "one output: class 1 iff y >= T (default 0); several outputs are read by argmax")
    String threshold;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the PGD restarts (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--restarts", defaultValue = "5", description = "PGD restarts, 0 to 10000 (default: ${DEFAULT-VALUE})")
    int restarts;

    @Option(names = "--steps", defaultValue = "50", description = "PGD steps per restart, 1 to 100000 (default: ${DEFAULT-VALUE})")
    int steps;

    @Override
    public Integer call() {
        Counts.require("--steps", steps, 1, Counts.MAX_STEPS);
        Counts.require("--restarts", restarts, 0, Counts.MAX_RESTARTS);
        Network network = Engine.read(net, theories, input);
        Mlp mlp;
        try {
            mlp = Mlp.of(network);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(net + ": " + e.getMessage());
        }
        Scalar[] x0 = Points.parse(at, "--at");
        if (x0.length != mlp.inputs()) {
            throw new UserInputException("--at: the network has " + mlp.inputs() + " inputs, but " + x0.length
                    + " coordinates were given");
        }
        Points.toDoubles(x0, "--at"); // the attacks run in doubles: the point must have them
        double e = Points.coordinate(eps, "--eps").toDouble();
        if (!(e > 0) || Double.isInfinite(e)) {
            throw new UserInputException("--eps: expected a positive number, found " + eps);
        }
        Norm nm = switch (norm.strip().toLowerCase(Locale.ROOT)) {
            case "inf", "linf", "max" -> Norm.INF;
            case "2", "l2" -> Norm.TWO;
            default -> throw new UserInputException("--norm: expected inf or 2, found " + norm);
        };
        if (restarts < 1 || steps < 1) {
            throw new UserInputException("--restarts and --steps must be positive");
        }
        Decision decision;
        if (mlp.outputs() == 1) {
            decision = new Decision.Threshold(threshold == null ? Scalar.ZERO
                    : Points.coordinate(threshold, "--class-threshold"));
        } else if (threshold != null) {
            throw new UserInputException("--class-threshold: the network has " + mlp.outputs()
                    + " outputs, which are read by argmax; a threshold needs exactly one output");
        } else {
            decision = new Decision.Argmax();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("network: " + net + " (" + network.activation().name() + ", " + mlp.inputs() + " inputs, "
                + network.hiddenCount() + " hidden, " + mlp.outputs() + " outputs)");
        out.println("decision: " + decision.describe(network.outputIds()));
        Optional<Problem> problem = Problem.at(mlp, decision, x0, nm);
        if (problem.isEmpty()) {
            Interval[] y = Problem.outputsAt(mlp, x0);
            out.println("the class at " + at + " is not decided by interval evaluation (outputs "
                    + java.util.Arrays.toString(y) + "): the point is on the decision boundary or within rounding"
                    + " of it, so d* = 0 or unknown");
            return ExitCode.UNKNOWN;
        }
        Problem p = problem.get();
        out.println("point: (" + at + "), class " + p.cls() + " (proved by interval evaluation)");
        Robustness.Report r = Robustness.analyse(p, e, new Attacks(steps, restarts, seed));
        print(out, r, nm);
        return switch (r.verdict()) {
            case ROBUST -> ExitCode.OK;
            case NOT_ROBUST -> ExitCode.NO;
            case UNKNOWN -> ExitCode.UNKNOWN;
        };
    }

    private static void print(PrintWriter out, Robustness.Report r, Norm nm) {
        String n = nm == Norm.INF ? "inf-norm" : "2-norm";
        out.printf(Locale.ROOT, "%nverdict at eps = %s (%s): %s: %s%n", fmt(r.eps()), n,
                r.verdict().name().replace('_', ' '), r.reason());
        out.println("  IBP at eps: " + (r.ibpAtEps() ? "certified" : "not certified")
                + r.crownAtEps().map(c -> "; CROWN at eps: " + (c ? "certified" : "not certified")).orElse(""));
        out.println("  FGSM at eps: " + witness(r.fgsm()));
        out.println("  PGD at eps:  " + witness(r.pgd()));
        out.printf(Locale.ROOT, "%nminimal adversarial distance d* (%s):%n", n);
        out.printf(Locale.ROOT, "  lower bound  %-14s certified: interval bound propagation, outward rounding%n",
                fmt(r.ibp()));
        r.crown().ifPresent(c -> out.printf(Locale.ROOT,
                "  lower bound  %-14s certified: CROWN linear bounds in outward-rounded interval arithmetic%n", fmt(c)));
        if (r.exact().isPresent()) {
            Robustness.Exact x = r.exact().get();
            if (x.value().isPresent()) {
                out.printf(Locale.ROOT, "  exact        %-14s = %s; %s%n", fmt(x.value().get().doubleValue()),
                        exactText(x.value().get()), x.method());
            } else if (Double.isInfinite(x.upper())) {
                out.printf(Locale.ROOT, "  exact        > %-12s no adversarial point within that radius; %s%n",
                        fmt(x.lower()), x.method());
            } else if (x.complete()) {
                out.printf(Locale.ROOT, "  exact        %-14s within tolerance (not a proof); %s%n", fmt(x.upper()),
                        x.method());
            } else {
                out.printf(Locale.ROOT, "  exact        in [%s, %s] within tolerance; %s%n", fmt(x.lower()),
                        fmt(x.upper()), x.method());
            }
        } else {
            out.println("  exact        -              (exact methods: ReLU networks, inf-norm, 2 inputs or at most "
                    + Robustness.BRANCH_AND_BOUND_LIMIT + " hidden units)");
        }
        out.printf(Locale.ROOT, "  upper bound  %-14s %s%n", r.attack().map(w -> fmt(w.distance())).orElse("-"),
                r.attack().isPresent() ? "attack (FGSM, PGD, bisection on eps): witness " + point(r.attack().get().x())
                        + ", its class proved by interval evaluation" : "no adversarial input found by the attacks");
        out.println("# order checked: IBP <= CROWN <= exact <= attack");
    }

    private static String witness(Optional<org.nnid.stability.Problem.Witness> w) {
        return w.map(x -> "adversarial input " + point(x.x()) + " at distance <= " + fmt(x.distance())
                + ", class proved (outputs " + java.util.Arrays.toString(x.outputs()) + ")").orElse("no adversarial input found");
    }

    private static String point(double[] x) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            b.append(i == 0 ? "" : ", ").append(x[i]);
        }
        return b.append(')').toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }

    private static String exactText(BigFraction f) {
        BigInteger den = f.getDenominator();
        if (den.bitLength() <= 64 && f.getNumerator().bitLength() <= 64) {
            return f.getNumerator() + (den.equals(BigInteger.ONE) ? "" : "/" + den);
        }
        return new java.math.BigDecimal(f.getNumerator()).divide(new java.math.BigDecimal(den), new MathContext(25)) + "… (a rational with a " + den.bitLength()
                + "-bit denominator)";
    }
}
