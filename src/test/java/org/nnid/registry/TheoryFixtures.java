package org.nnid.registry;

import org.nnid.theory.Theory;
import org.nnid.theory.TheoryFile;

import org.nnid.registry.TheoryRegistry;
import org.nnid.registry.VerificationReport;

import java.nio.file.NoSuchFileException;
import java.util.Map;

/** Theory files written inline for tests, with their null networks as named texts. */
final class TheoryFixtures {
    private TheoryFixtures() {}

    static final TheoryRegistry BUILTINS = TheoryRegistry.builtins();

    /** A user theory from YAML text, its relative files given by name. */
    static Theory parse(String yaml, String source, Map<String, String> files) {
        return TheoryFile.parse(yaml, source, relative -> {
            String t = files.get(relative);
            if (t == null) {
                throw new NoSuchFileException(relative);
            }
            return t;
        }, false);
    }

    static Theory parse(String yaml, String source) {
        return parse(yaml, source, Map.of());
    }

    /** The report of a user theory checked against the built-ins (replacing one of the same name). */
    static VerificationReport verify(Theory t) {
        return BUILTINS.replacing(t).verify(t, TheoryVerifier.Options.defaults());
    }

    static VerificationReport verifyBuiltin(String name) {
        return BUILTINS.verify(BUILTINS.get(name), TheoryVerifier.Options.defaults());
    }
}
