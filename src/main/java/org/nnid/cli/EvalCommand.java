package org.nnid.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.nnid.net.Evaluator;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;
import org.nnid.scalar.Scalar;
import org.nnid.symbolic.HighPrecisionEvaluator;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nnid eval}: a network's outputs at a point, in double, interval or high-precision arithmetic. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a network at a point (--at) or at every row of a CSV file (--csv).",
                "Coordinates may be decimals, fractions (1/3) or constants (Pi/4); they are read exactly."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TheoryCommand.UserTheories theories = new TheoryCommand.UserTheories();

    @picocli.CommandLine.Mixin
    private NetworkInput input = new NetworkInput();

    @Parameters(index = "0", paramLabel = "NET", description = "the network file (.json, .onnx, .nnet, .safetensors)")
    private Path net;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Where where;

    static final class Where {
        @Option(names = "--at", paramLabel = "X1,X2,..", description = "the input point, comma-separated")
        String at;

        @Option(names = "--csv", paramLabel = "FILE", description = "a CSV file of points, one per line (fields may be"
                + " quoted); prints a CSV of inputs and outputs. The first line is a header when none of its fields reads"
                + " as a value (or say --header / --no-header); a row that cannot be read is an error naming its line.")
        Path csv;
    }

    @ArgGroup(exclusive = true)
    private HeaderChoice headerChoice = new HeaderChoice();

    static final class HeaderChoice {
        @Option(names = "--header", description = "with --csv: the first line names the columns")
        boolean header;

        @Option(names = "--no-header", description = "with --csv: the first line is data")
        boolean noHeader;

        Points.Header rule() {
            return header ? Points.Header.YES : noHeader ? Points.Header.NO : Points.Header.AUTO;
        }
    }

    @ArgGroup(exclusive = true)
    private Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--interval", description = "rigorous enclosures (outward-rounded interval arithmetic)")
        boolean interval;

        @Option(names = "--exact", description = "high-precision evaluation (exact networks stay exact)")
        boolean exact;
    }

    @Option(names = "--digits", paramLabel = "N", defaultValue = "40",
            description = "significant digits for --exact (default: ${DEFAULT-VALUE})")
    private int digits;

    @Override
    public Integer call() {
        if (digits < 1 || digits > 10_000) {
            throw new UserInputException("--digits: expected a number from 1 to 10000, found " + digits);
        }
        Network network = Engine.read(net, theories, input);
        PrintWriter out = spec.commandLine().getOut();
        if (where.csv != null) {
            evalCsv(network, out);
            return ExitCode.OK;
        }
        Scalar[] x = Points.parse(where.at, "--at");
        if (x.length != network.inputCount()) {
            throw new UserInputException("--at: the network has " + network.inputCount() + " inputs, but "
                    + x.length + " coordinates were given");
        }
        List<String> names = network.outputIds();
        if (mode.exact) {
            HighPrecisionEvaluator.Result r = HighPrecisionEvaluator.evaluate(network, x, digits);
            for (int k = 0; k < names.size(); k++) {
                int agreed = r.agreedDigits()[k];
                BigDecimal v = r.values()[k];
                out.println(names.get(k) + " = " + v.toString()
                        + (agreed >= digits ? "" : "  (only " + agreed + " digits confirmed)"));
            }
            out.println("# " + digits + " significant digits, confirmed by evaluating at two working precisions"
                    + (network.isExact() ? "; the network is exact" : "; the network has double weights, taken exactly"));
        } else if (mode.interval) {
            Interval[] box = new Interval[x.length];
            for (int i = 0; i < x.length; i++) {
                box[i] = x[i].enclosure();
            }
            Interval[] y = Evaluator.encloseDefined(network, box);
            for (int k = 0; k < names.size(); k++) {
                out.println(names.get(k) + " in [" + y[k].lo() + ", " + y[k].hi() + "]");
            }
            out.println("# rigorous enclosures: outward-rounded interval arithmetic");
        } else {
            double[] y = Evaluator.evaluateDefined(network, Points.toDoubles(x, "--at"));
            for (int k = 0; k < names.size(); k++) {
                out.println(names.get(k) + " = " + y[k]);
            }
        }
        return ExitCode.OK;
    }

    private void evalCsv(Network network, PrintWriter out) {
        if (mode.exact || mode.interval) {
            throw new UserInputException("--csv works with double evaluation only; use --at for --exact or --interval");
        }
        Points.Csv csv = Points.readCsv(where.csv, network.inputCount(), headerChoice.rule());
        // every row is read before anything is printed: a bad row leaves no partial output behind
        List<double[]> points = new java.util.ArrayList<>();
        for (int r = 0; r < csv.rows().size(); r++) {
            String[] row = csv.rows().get(r);
            Scalar[] x = new Scalar[row.length];
            for (int i = 0; i < row.length; i++) {
                x[i] = Points.coordinate(row[i], where.csv + ": line " + csv.lineNumbers().get(r) + ", column " + (i + 1));
            }
            points.add(Points.toDoubles(x, where.csv + ": line " + csv.lineNumbers().get(r)));
        }
        StringBuilder header = new StringBuilder();
        for (String name : network.inputNames()) {
            header.append(name).append(',');
        }
        header.append(String.join(",", network.outputIds()));
        out.println(header);
        for (int r = 0; r < csv.rows().size(); r++) {
            String[] row = csv.rows().get(r);
            double[] y = Evaluator.evaluateDefined(network, points.get(r));
            StringBuilder line = new StringBuilder();
            for (String f : row) {
                line.append(f.strip()).append(',');
            }
            for (int k = 0; k < y.length; k++) {
                line.append(k == 0 ? "" : ",").append(y[k]);
            }
            out.println(line);
        }
    }
}
