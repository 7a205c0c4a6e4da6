package org.nnid.registry;

import org.nnid.theory.TheoryFile;

import org.nnid.activation.Activation;
import org.nnid.theory.Theory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.nnid.io.NetworkFormatException;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;

/**
 * The theories nnid knows: the built-in ones from {@code theories/} and users' files ({@code
 * --theory FILE}), looked up by name or alias, and their verification reports, computed once per
 * theory and options.
 *
 * <p>Built-in theories are read from the classpath folder {@value #RESOURCE_FOLDER}, which lists
 * its files in {@code index}. When that is absent (running from the source tree before packaging)
 * they are read from the directory named by the system property {@code nnid.theories.dir}, by
 * default {@code theories} in the working directory.
 */
public final class TheoryRegistry {
    public static final String RESOURCE_FOLDER = "/org/nnid/theories/";
    private static volatile TheoryRegistry builtins;

    private record Key(Theory theory, TheoryVerifier.Options options) {}

    private final Map<String, Theory> theories; // by name, sorted
    private final Map<Key, VerificationReport> reports;
    private final Set<Key> inProgress;

    private TheoryRegistry(Map<String, Theory> theories, Map<Key, VerificationReport> reports, Set<Key> inProgress) {
        this.theories = Collections.unmodifiableMap(new TreeMap<>(theories));
        this.reports = reports;
        this.inProgress = inProgress;
    }

    /** The built-in theories (read once per JVM). */
    public static TheoryRegistry builtins() {
        TheoryRegistry b = builtins;
        if (b == null) {
            synchronized (TheoryRegistry.class) {
                b = builtins;
                if (b == null) {
                    Map<String, Theory> all = new LinkedHashMap<>();
                    for (Theory t : loadBuiltins()) {
                        all.put(t.name(), t);
                    }
                    b = new TheoryRegistry(all, new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet());
                    builtins = b;
                }
            }
        }
        return b;
    }

    private static List<Theory> loadBuiltins() {
        List<Theory> out = new ArrayList<>();
        String index = TheoryFile.resource(RESOURCE_FOLDER + "index");
        if (index != null) {
            for (String file : files(index)) {
                out.add(TheoryFile.readResource(RESOURCE_FOLDER, file));
            }
            return out;
        }
        Path dir = Path.of(System.getProperty("nnid.theories.dir", "theories"));
        Path indexFile = dir.resolve("index");
        if (!Files.isRegularFile(indexFile)) {
            throw new IllegalStateException("the built-in theories are missing: neither the classpath folder "
                    + RESOURCE_FOLDER + " nor " + indexFile.toAbsolutePath() + " exists");
        }
        try {
            for (String file : files(Files.readString(indexFile, StandardCharsets.UTF_8))) {
                String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
                out.add(TheoryFile.parse(text, file,
                        relative -> Files.readString(dir.resolve(relative), StandardCharsets.UTF_8), true));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in theories in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The file names in an index: one per line; blank lines and # comments are ignored. */
    private static List<String> files(String index) {
        List<String> out = new ArrayList<>();
        for (String line : index.split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * This registry plus a user's theory.
     *
     * @throws IllegalArgumentException if its name or an alias is taken
     */
    public TheoryRegistry with(Theory theory) {
        List<String> names = new ArrayList<>(theory.aliases());
        names.add(theory.name());
        for (String n : names) {
            Optional<Theory> clash = find(n);
            if (clash.isPresent()) {
                throw new IllegalArgumentException(theory.source() + ": the name '" + n + "' is taken by the theory '"
                        + clash.get().name() + "' (" + clash.get().source() + ")");
            }
        }
        Map<String, Theory> all = new LinkedHashMap<>(theories);
        all.put(theory.name(), theory);
        return new TheoryRegistry(all, reports, inProgress);
    }

    /**
     * This registry with the theory in place of the theory of the same name: for checking a file
     * that redefines a built-in theory (such as a deliberately false relu.theory). Any other clash
     * of its name or an alias is refused as {@link #with} refuses it, so that {@code theory verify}
     * reports exactly what every command using the file would.
     *
     * @throws IllegalArgumentException naming the clash
     */
    public TheoryRegistry replacing(Theory theory) {
        Map<String, Theory> rest = new LinkedHashMap<>(theories);
        rest.remove(theory.name());
        return new TheoryRegistry(rest, reports, inProgress).with(theory);
    }

    /** This registry plus the theory in a user's file (read, not yet verified). */
    public TheoryRegistry withFile(Path file) {
        return with(TheoryFile.read(file));
    }

    /** All theories, sorted by name. */
    public List<Theory> theories() {
        return List.copyOf(theories.values());
    }

    public Optional<Theory> find(String nameOrAlias) {
        Theory t = theories.get(nameOrAlias.strip().toLowerCase(java.util.Locale.ROOT));
        if (t != null) {
            return Optional.of(t);
        }
        return theories.values().stream().filter(x -> x.answersTo(nameOrAlias)).findFirst();
    }

    /** @throws IllegalArgumentException naming the known theories */
    public Theory get(String nameOrAlias) {
        return find(nameOrAlias).orElseThrow(() -> new IllegalArgumentException("unknown theory '" + nameOrAlias
                + "' (known: " + String.join(", ", theories.keySet()) + ")"));
    }

    /** The theory of a network's activation, at the activation's parameter values. */
    public Theory theoryOf(Activation activation) {
        Theory t = get(activation.name());
        if (activation.parameters().isEmpty()) {
            return t;
        }
        Map<String, Scalar> values = new LinkedHashMap<>();
        activation.parameters().forEach((k, v) -> values.put(k, Scalar.parseExact(v)));
        return t.withParameters(values);
    }

    /**
     * Reads a network file whose activation is any theory in this registry: built-in names as
     * {@link org.nnid.io.NetworkJson} reads them, and user theories by name (with parameters in
     * the object form {@code {"name": ..., "slope": "1/5"}}).
     *
     * @throws org.nnid.io.NetworkFormatException naming the file, the place and the problem
     */
    public Network readNetwork(Path file) {
        String source = file.toString();
        org.nnid.io.FileBudget.check(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NetworkFormatException(source, "", "no such file");
        } catch (IOException e) {
            throw new NetworkFormatException(source, "", "cannot read the file: " + e.getMessage());
        }
        return parseNetwork(text, source);
    }

    /** {@link #readNetwork} for a network given as text; {@code source} names it in errors. */
    public Network parseNetwork(String text, String source) {
        return TheoryFile.readNetwork(text, source, (name, params) -> {
            if (TheoryFile.knownToNetworkReader(name)) {
                return Optional.empty();
            }
            Theory t = find(name).orElseThrow(() -> new NetworkFormatException(source, "activation",
                    "unknown activation '" + name + "' (known theories: " + String.join(", ", theories.keySet()) + ")"));
            Map<String, Scalar> values = new LinkedHashMap<>();
            try {
                params.forEach((k, v) -> values.put(k, Scalar.parseExact(v)));
                return Optional.of(t.withParameters(values).activation());
            } catch (IllegalArgumentException e) {
                throw new NetworkFormatException(source, "activation", e.getMessage());
            }
        });
    }

    /** The verification report of a theory under the options, computed once. */
    public VerificationReport verify(Theory theory, TheoryVerifier.Options options) {
        Key key = new Key(theory, options);
        VerificationReport r = reports.get(key);
        if (r != null) {
            return r;
        }
        inProgress.add(key);
        try {
            r = new TheoryVerifier(this, options).verify(theory);
        } finally {
            inProgress.remove(key);
        }
        reports.put(key, r);
        return r;
    }

    /** A dependency's report, or empty when it is being verified (circular evidence). */
    Optional<VerificationReport> verifyDependency(Theory theory, TheoryVerifier.Options options) {
        if (inProgress.contains(new Key(theory, options))) {
            return Optional.empty();
        }
        return Optional.of(verify(theory, options));
    }

    /** The theory and what the engine may rely on, under the default options. */
    /**
     * Decides exactly whether every output of net is identically 0 on all of ℝ^m
     * ({@link org.nnid.exact.ZeroTests}), with the theory of its activation as nnid may rely on it:
     * a built-in theory as it is, a user's only with its verified facts.
     */
    public org.nnid.exact.ZeroDecision decideZero(Network net) {
        Optional<Theory> t = find(net.activation().name());
        if (t.isEmpty()) {
            return org.nnid.exact.ZeroDecision.notApplicable("none", "the activation " + net.activation().name()
                    + " is not a known theory");
        }
        return org.nnid.exact.ZeroTests.decide(net, reliableTheoryOf(net.activation()),
                org.nnid.exact.ZeroTests.DEFAULT_LIMIT);
    }

    /**
     * The one trust policy: a theory as nnid may rely on it. A built-in theory as it is (CI
     * verifies its facts); a user's theory restricted to the facts that verified
     * ({@link VerifiedTheory#reliableTheory}).
     */
    public Theory reliable(Theory theory) {
        return theory.builtin() ? theory : verified(theory).reliableTheory();
    }

    /** {@link #reliable} of the theory of an activation, at its parameter values. */
    public Theory reliableTheoryOf(Activation activation) {
        return reliable(theoryOf(activation));
    }

    public VerifiedTheory verified(Theory theory) {
        return new VerifiedTheory(theory, verify(theory, TheoryVerifier.Options.defaults()));
    }

    /** The theory of an activation, verified (default options). */
    public VerifiedTheory verified(Activation activation) {
        return verified(theoryOf(activation));
    }

    /**
     * Reads and verifies a user's theory file and returns the registry with it: what
     * {@code --theory FILE} does before any command uses the theory.
     *
     * @throws TheoryFormatException   if the file is malformed
     * @throws TheoryRejectedException if a declared fact is false (the message is the counterexample)
     */
    public TheoryRegistry withVerified(Path file, TheoryVerifier.Options options) {
        Theory t = TheoryFile.read(file);
        TheoryRegistry r = with(t);
        VerificationReport report = r.verify(t, options);
        if (!report.passed()) {
            throw new TheoryRejectedException(report);
        }
        return r;
    }
}
