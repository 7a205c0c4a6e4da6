package org.nnid.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.net.NetworkBuilder;
import org.nnid.scalar.Scalar;
import org.nnid.activation.Activation;
import org.nnid.io.Nonlinearities;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * A configurable generator of networks for jqwik properties. Instances are immutable: every
 * setter returns a new generator. Obtain one with {@link NetworkArbitraries#networks()}.
 *
 * <pre>{@code
 * @Property
 * boolean jsonRoundTripIsLossless(@ForAll("nets") Network n) { ... }
 * @Provide Arbitrary<Network> nets() {
 *     return NetworkArbitraries.networks().activations("tanh", "relu").dag().exactWeights();
 * }
 * }</pre>
 */
public final class NetworkArbitrary extends ArbitraryDecorator<Network> {
    /** Which graphs to generate. */
    public enum Shape { LAYERED, DAG, ANY }

    /** Which numbers to put in them. */
    public enum Weights { EXACT, DOUBLE, ANY }

    private final List<Activation> activations;
    private final int minInputs, maxInputs, minOutputs, maxOutputs, minDepth, maxDepth, minWidth, maxWidth;
    private final Shape shape;
    private final Weights weights;
    private final boolean outputActivation;
    private final List<Scalar> values;

    NetworkArbitrary(List<Activation> activations, int minInputs, int maxInputs, int minOutputs, int maxOutputs,
            int minDepth, int maxDepth, int minWidth, int maxWidth, Shape shape, Weights weights,
            boolean outputActivation, List<Scalar> values) {
        if (activations.isEmpty() || minInputs < 1 || maxInputs < minInputs || minOutputs < 1
                || maxOutputs < minOutputs || minDepth < 1 || maxDepth < minDepth || minWidth < 1
                || maxWidth < minWidth) {
            throw new IllegalArgumentException("inconsistent network generator settings");
        }
        this.activations = List.copyOf(activations);
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.minOutputs = minOutputs;
        this.maxOutputs = maxOutputs;
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.minWidth = minWidth;
        this.maxWidth = maxWidth;
        this.shape = shape;
        this.weights = weights;
        this.outputActivation = outputActivation;
        this.values = List.copyOf(values);
    }

    private NetworkArbitrary with(List<Activation> a, int i0, int i1, int o0, int o1, int d0, int d1, int w0, int w1,
            Shape s, Weights w, boolean oa) {
        return new NetworkArbitrary(a, i0, i1, o0, o1, d0, d1, w0, w1, s, w, oa, values);
    }

    /** Only these activations (by name, as in the JSON format). */
    public NetworkArbitrary activations(String... names) {
        List<Activation> a = new ArrayList<>();
        for (String n : names) {
            a.add(Nonlinearities.builtins().get(n).activation());
        }
        return activations(a);
    }

    public NetworkArbitrary activations(List<Activation> a) {
        return with(a, minInputs, maxInputs, minOutputs, maxOutputs, minDepth, maxDepth, minWidth, maxWidth, shape,
                weights, outputActivation);
    }

    public NetworkArbitrary inputs(int min, int max) {
        return with(activations, min, max, minOutputs, maxOutputs, minDepth, maxDepth, minWidth, maxWidth, shape,
                weights, outputActivation);
    }

    public NetworkArbitrary outputs(int min, int max) {
        return with(activations, minInputs, maxInputs, min, max, minDepth, maxDepth, minWidth, maxWidth, shape,
                weights, outputActivation);
    }

    /** Number of hidden layers (layered) or hidden levels (DAG). */
    public NetworkArbitrary hiddenLayers(int min, int max) {
        return with(activations, minInputs, maxInputs, minOutputs, maxOutputs, min, max, minWidth, maxWidth, shape,
                weights, outputActivation);
    }

    /** Hidden nodes per layer or level. */
    public NetworkArbitrary width(int min, int max) {
        return with(activations, minInputs, maxInputs, minOutputs, maxOutputs, minDepth, maxDepth, min, max, shape,
                weights, outputActivation);
    }

    public NetworkArbitrary layered() {
        return shape(Shape.LAYERED);
    }

    /** General DAGs: sparse edges, skip connections, outputs fed from any level. */
    public NetworkArbitrary dag() {
        return shape(Shape.DAG);
    }

    public NetworkArbitrary shape(Shape s) {
        return with(activations, minInputs, maxInputs, minOutputs, maxOutputs, minDepth, maxDepth, minWidth, maxWidth, s,
                weights, outputActivation);
    }

    /** Small rationals p/q (|p| ≤ 4, q ≤ 4): exact networks that never start Symja. */
    public NetworkArbitrary exactWeights() {
        return weights(Weights.EXACT);
    }

    /** Doubles in [-3, 3]. */
    public NetworkArbitrary doubleWeights() {
        return weights(Weights.DOUBLE);
    }

    public NetworkArbitrary weights(Weights w) {
        return with(activations, minInputs, maxInputs, minOutputs, maxOutputs, minDepth, maxDepth, minWidth, maxWidth,
                shape, w, outputActivation);
    }

    /**
     * Every weight and bias drawn from these values (e.g. -1, 0, 1): small search spaces in which
     * special networks such as null networks occur often. Overrides the weight kind.
     */
    public NetworkArbitrary values(Scalar... palette) {
        if (palette.length == 0) {
            throw new IllegalArgumentException("no values to draw weights from");
        }
        return new NetworkArbitrary(activations, minInputs, maxInputs, minOutputs, maxOutputs, minDepth, maxDepth,
                minWidth, maxWidth, shape, weights, outputActivation, List.of(palette));
    }

    public NetworkArbitrary outputActivation(boolean flag) {
        return with(activations, minInputs, maxInputs, minOutputs, maxOutputs, minDepth, maxDepth, minWidth, maxWidth,
                shape, weights, flag);
    }

    @Override
    protected Arbitrary<Network> arbitrary() {
        Arbitrary<Activation> rho = Arbitraries.of(activations);
        Arbitrary<Integer> inputs = Arbitraries.integers().between(minInputs, maxInputs);
        Arbitrary<Integer> outputs = Arbitraries.integers().between(minOutputs, maxOutputs);
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(minWidth, maxWidth).list()
                .ofMinSize(minDepth).ofMaxSize(maxDepth);
        Arbitrary<Boolean> dag = switch (shape) {
            case LAYERED -> Arbitraries.just(false);
            case DAG -> Arbitraries.just(true);
            case ANY -> Arbitraries.of(false, true);
        };
        Arbitrary<Boolean> exact = switch (weights) {
            case EXACT -> Arbitraries.just(true);
            case DOUBLE -> Arbitraries.just(false);
            case ANY -> Arbitraries.of(true, false);
        };
        Arbitrary<Network> plain = Combinators.combine(rho, inputs, outputs, widths, dag, exact)
                .as(Plan::new)
                .flatMap(plan -> Combinators.combine(
                        (values.isEmpty() ? scalars(plan.exact) : Arbitraries.of(values)).list().ofSize(plan.slots()),
                        Arbitraries.integers().between(0, 99).list().ofSize(plan.slots()))
                        .as(plan::build));
        return structurallyShrinking(plain, limits());
    }

    /** The ranges and shape of this generator, which shrinking keeps. */
    ShrinkLimits limits() {
        return new ShrinkLimits(minInputs, minOutputs, minDepth, maxDepth, minWidth, maxWidth, shape == Shape.LAYERED);
    }

    /**
     * The same networks, shrunk by {@link NetworkShrinks} instead of by their random choices: a
     * flatMap regenerates all weights when a size shrinks, so shrinking the choices neither keeps
     * the failing weights nor ends at a local minimum of nodes, edges and values. Shrinking keeps
     * {@code limits}: the ranges and shape the networks were generated with.
     */
    static Arbitrary<Network> structurallyShrinking(Arbitrary<Network> plain, ShrinkLimits limits) {
        return Arbitraries.fromGeneratorWithSize(genSize -> {
            RandomGenerator<Network> g = plain.generator(genSize);
            return random -> new StructuralShrinkable(g.next(random).value(), limits);
        });
    }

    private static Arbitrary<Scalar> scalars(boolean exact) {
        if (exact) {
            return Combinators.combine(Arbitraries.integers().between(-4, 4), Arbitraries.integers().between(1, 4))
                    .as((p, q) -> (Scalar) Scalar.of(p, q));
        }
        return Arbitraries.doubles().between(-3, 3).ofScale(6).map(d -> (Scalar) Scalar.of(d.doubleValue()));
    }

    /** The sizes and kind of one network; {@link #build} fills in the numbers. */
    private final class Plan {
        final Activation rho;
        final int inputs;
        final int outputs;
        final List<Integer> widths;
        final boolean dag;
        final boolean exact;

        Plan(Activation rho, int inputs, int outputs, List<Integer> widths, boolean dag, boolean exact) {
            this.rho = rho;
            this.inputs = inputs;
            this.outputs = outputs;
            this.widths = widths;
            this.dag = dag;
            this.exact = exact;
        }

        /** One number per possible edge and per bias (the DAG may use any earlier node). */
        int slots() {
            int sources = inputs; // layered: the previous layer; DAG: every earlier node
            int n = 0;
            for (int w : widths) {
                n += w * (sources + 1);
                sources = dag ? sources + w : w;
            }
            return n + outputs * (sources + 1);
        }

        Network build(List<Scalar> numbers, List<Integer> coins) {
            return dag ? buildDag(numbers, coins) : buildLayered(numbers);
        }

        private Network buildLayered(List<Scalar> numbers) {
            int k = 0;
            int prev = inputs;
            List<Layer> layers = new ArrayList<>();
            List<Integer> all = new ArrayList<>(widths);
            all.add(outputs);
            for (int w : all) {
                Scalar[][] m = new Scalar[w][prev];
                Scalar[] b = new Scalar[w];
                for (int i = 0; i < w; i++) {
                    for (int j = 0; j < prev; j++) {
                        m[i][j] = numbers.get(k++);
                    }
                    b[i] = numbers.get(k++);
                }
                layers.add(Layer.of(m, b));
                prev = w;
            }
            return Network.layered(rho, inputs, layers, outputActivation);
        }

        /**
         * Every node takes an edge from the previous level (so levels are real) and, with
         * probability about 40%, from each earlier node (skip connections and sparsity).
         */
        private Network buildDag(List<Scalar> numbers, List<Integer> coins) {
            List<String> names = Network.defaultInputNames(inputs);
            NetworkBuilder b = Network.builder(rho, names).outputActivation(outputActivation);
            List<String> earlier = new ArrayList<>(names);
            List<String> previousLevel = new ArrayList<>(names);
            int k = 0;
            for (int l = 0; l < widths.size(); l++) {
                List<String> level = new ArrayList<>();
                for (int i = 0; i < widths.get(l); i++) {
                    Map<String, Scalar> in = new LinkedHashMap<>();
                    String anchor = previousLevel.get(i % previousLevel.size());
                    for (String src : earlier) {
                        Scalar w = numbers.get(k);
                        boolean take = src.equals(anchor) || coins.get(k) < 40;
                        k++;
                        if (take && !w.isZero()) {
                            in.put(src, w);
                        }
                    }
                    if (!in.containsKey(anchor)) {
                        in.put(anchor, Scalar.ONE);
                    }
                    String id = Network.hiddenId(l + 1, i);
                    b.hidden(id, numbers.get(k++), in);
                    level.add(id);
                }
                earlier.addAll(level);
                previousLevel = level;
            }
            for (int o = 0; o < outputs; o++) {
                Map<String, Scalar> in = new LinkedHashMap<>();
                for (String src : earlier) {
                    Scalar w = numbers.get(k);
                    boolean last = previousLevel.contains(src); // keeps the depth what was asked for
                    if (coins.get(k++) < 60 || last) {
                        in.put(src, last && w.isZero() ? Scalar.ONE : w);
                    }
                }
                b.output(Network.outputId(o), numbers.get(k++), in);
            }
            return b.build();
        }
    }
}
