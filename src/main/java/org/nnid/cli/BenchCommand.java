package org.nnid.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnid bench}: canonicalisation time of a dense random MLP as a ratio to one plain copy of
 * all its weights, measured in the same run, and its peak heap as a ratio to the network's size
 * (see {@link CanonBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time canonicalisation of a random dense MLP against one plain copy of its weights,",
                "in the same run, and print the ratio and the peak heap as a ratio to the network's size."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--activation", defaultValue = "tanh", description = "default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--inputs", defaultValue = "784", description = "default: ${DEFAULT-VALUE}")
    int inputs;

    @Option(names = "--width", defaultValue = "200", description = "hidden width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--depth", defaultValue = "6", description = "hidden layers (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--outputs", defaultValue = "10", description = "default: ${DEFAULT-VALUE}")
    int outputs;

    @Option(names = "--repeat", defaultValue = "3", description = "runs; the median is reported (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1", description = "unmeasured runs first, for the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--large", description = "the issue's large networks: 784 -> 8x1024 -> 10 (about 8.2M weights), tanh and relu;"
            + " needs about 1 GB of heap")
    boolean large;

    @Override
    public Integer call() {
        if (inputs < 1 || width < 1 || depth < 1 || outputs < 1 || repeat < 1 || warmup < 0) {
            throw new UserInputException("bench: sizes and --repeat must be positive, --warmup at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (large) {
            for (String a : new String[] {"tanh", "relu"}) {
                CanonBench.run(out, a, 784, 1024, 8, 10, repeat, warmup);
            }
        } else {
            CanonBench.run(out, activation, inputs, width, depth, outputs, repeat, warmup);
        }
        return ExitCode.OK;
    }
}
