package org.nnid.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The nonlinearities the readers and writers can name: for each, its canonical name and aliases,
 * its parameters and its ONNX spellings, all from its theory file. Nothing here is written in
 * Java: the built-in table comes from the theory files, which the registry reads. The registry is
 * above io (docs/architecture.md), so it hands the table down as a {@link Provider} that
 * {@link ServiceLoader} finds ({@code META-INF/services}); the table is built once, on first use.
 */
public final class Nonlinearities {

    /** Provides the built-in nonlinearities: one per built-in theory file. */
    public interface Provider {
        List<Nonlinearity> nonlinearities();
    }

    /** A nonlinearity and the ONNX operator that spells it. */
    public record Spelled(Nonlinearity nonlinearity, OnnxSpelling spelling) {}

    private final List<Nonlinearity> all; // sorted by name
    private final Map<String, Spelled> byOnnxOp;

    /**
     * @throws IllegalArgumentException when two nonlinearities share a name, an alias or an ONNX operator
     */
    public Nonlinearities(List<Nonlinearity> nonlinearities) {
        List<Nonlinearity> sorted = new ArrayList<>(nonlinearities);
        sorted.sort(Comparator.comparing(Nonlinearity::name));
        Map<String, Nonlinearity> names = new LinkedHashMap<>();
        Map<String, Spelled> ops = new LinkedHashMap<>();
        for (Nonlinearity n : sorted) {
            List<String> own = new ArrayList<>(n.aliases());
            own.add(0, n.name());
            for (String s : own) {
                Nonlinearity other = names.putIfAbsent(s.toLowerCase(java.util.Locale.ROOT), n);
                if (other != null && other != n) {
                    throw new IllegalArgumentException("the name '" + s + "' is taken by both " + other.name() + " and "
                            + n.name());
                }
            }
            for (OnnxSpelling o : n.onnx()) {
                Spelled other = ops.putIfAbsent(o.op(), new Spelled(n, o));
                if (other != null) {
                    throw new IllegalArgumentException("the ONNX operator " + o.op() + " is claimed by both "
                            + other.nonlinearity().name() + " and " + n.name());
                }
            }
        }
        this.all = List.copyOf(sorted);
        this.byOnnxOp = java.util.Collections.unmodifiableMap(ops);
    }

    /** The built-in nonlinearities (one per built-in theory file). */
    public static Nonlinearities builtins() {
        return Builtins.TABLE;
    }

    /** Class initialisation makes the load lazy and once per JVM. */
    private static final class Builtins {
        static final Nonlinearities TABLE = load();

        private static Nonlinearities load() {
            List<Provider> providers = ServiceLoader.load(Provider.class, Nonlinearities.class.getClassLoader())
                    .stream().map(ServiceLoader.Provider::get).toList();
            if (providers.size() != 1) {
                throw new IllegalStateException("expected one provider of the built-in nonlinearities ("
                        + Provider.class.getName() + " in META-INF/services), found " + providers.size());
            }
            return new Nonlinearities(providers.get(0).nonlinearities());
        }
    }

    /** All, sorted by name. */
    public List<Nonlinearity> all() {
        return all;
    }

    /** Canonical names, sorted. */
    public List<String> names() {
        return all.stream().map(Nonlinearity::name).toList();
    }

    /** By canonical name or alias, ignoring case. */
    public Optional<Nonlinearity> find(String nameOrAlias) {
        return all.stream().filter(n -> n.answersTo(nameOrAlias)).findFirst();
    }

    /** @throws IllegalArgumentException "unknown activation 'x' (known: ...)" */
    public Nonlinearity get(String nameOrAlias) {
        return find(nameOrAlias).orElseThrow(() -> new IllegalArgumentException("unknown activation '" + nameOrAlias
                + "' (known: " + String.join(", ", names()) + ")"));
    }

    /** The nonlinearity an ONNX operator of the default domain computes, with that spelling. */
    public Optional<Spelled> onnxOp(String op) {
        return Optional.ofNullable(byOnnxOp.get(op));
    }

    /** Every ONNX operator that spells a nonlinearity, in the order of the nonlinearities' names. */
    public List<String> onnxOps() {
        return List.copyOf(byOnnxOp.keySet());
    }
}
