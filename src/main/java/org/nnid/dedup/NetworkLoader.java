package org.nnid.dedup;

import java.nio.file.Path;
import java.util.Optional;

import org.nnid.activation.Activation;
import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkFormat;
import org.nnid.io.NetworkFormatException;
import org.nnid.net.Network;
import org.nnid.registry.TheoryRegistry;
import org.nnid.rewrite.Rewriter;
import org.nnid.theory.Theory;

/**
 * Reads one file of a collection and canonicalises it. Whatever is wrong with a file becomes a
 * {@link Unreadable} with one line saying what, so that a bad file never stops a run.
 */
final class NetworkLoader {
    private final TheoryRegistry registry;
    private final Optional<Activation> safetensorsActivation;

    NetworkLoader(TheoryRegistry registry, Optional<Activation> safetensorsActivation) {
        this.registry = registry;
        this.safetensorsActivation = safetensorsActivation;
    }

    /** A file that could not be read or canonicalised, and why (one line, without the folder's path). */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The network in {@code file}; {@code name} is how the report names it. */
    Network read(Path file, String name) throws Unreadable {
        try {
            NetworkFormat format = NetworkFiles.formatOf(file);
            if (format == NetworkFormat.SAFETENSORS) {
                if (safetensorsActivation.isEmpty()) {
                    throw new Unreadable("safetensors files do not record the activation; name it with --activation");
                }
                return NetworkFiles.read(file, Optional.empty(), safetensorsActivation);
            }
            if (format != NetworkFormat.JSON) {
                return NetworkFiles.read(file);
            }
            try {
                return NetworkFiles.read(file);
            } catch (NetworkFormatException e) {
                return registry.readNetwork(file); // a built-in that is only a theory file (softsign)
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new Unreadable(reason(e, file, name));
        }
    }

    /** The canonical form (docs/math.md §5) with the built-in facts of the network's nonlinearity. */
    Network canonicalise(Network net, String name) throws Unreadable {
        try {
            Theory theory = registry.reliable(registry.theoryOf(net.activation()));
            return Rewriter.canonicalise(net, theory).network();
        } catch (RuntimeException | StackOverflowError e) {
            throw new Unreadable("cannot canonicalise: " + reason(e, null, name));
        }
    }

    /** The exception's first line, with the file's full path replaced by the report's name for it. */
    private static String reason(Throwable e, Path file, String name) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = (nl < 0 ? m : m.substring(0, nl)).strip();
        if (file != null) {
            m = m.replace(file.toString(), name);
        }
        if (!(e instanceof NetworkFormatException) && !(e instanceof IllegalArgumentException)
                && !(e instanceof java.io.UncheckedIOException)) {
            m = e.getClass().getSimpleName() + ": " + m;
        }
        return m.startsWith(name + ":") ? m.substring(name.length() + 1).strip() : m;
    }
}
