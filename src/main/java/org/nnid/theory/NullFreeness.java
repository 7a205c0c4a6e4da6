package org.nnid.theory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.nnid.net.Network;

/**
 * What a theory claims about null-freeness (docs/math.md §4.1: no reduced network with a hidden node
 * realises the zero function) and the evidence for it: a citation or an affine relation to a
 * null-free theory for {@code PROVED}, null networks for {@code REFUTED}.
 *
 * @param citation   the published theorem, for PROVED (e.g. "[VB-A]")
 * @param byRelation the name of a null-free theory this one is affinely related to, for PROVED
 *                   (a null network of this theory converts to one of that theory, docs/math.md §2)
 * @param evidence   free text: what is known, why the status is unknown
 */
public record NullFreeness(Status status, Optional<String> citation, Optional<String> byRelation, String evidence,
        List<NullNetwork> nullNetworks) {

    public enum Status {
        PROVED("proved"), REFUTED("refuted"), UNKNOWN("unknown");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * A null network as stored: its file name relative to the theory file, and the network, read
     * on first use (its weights may be closed-form constants, and reading a theory must not start
     * Symja).
     */
    public static final class NullNetwork {
        private final String file;
        private final Supplier<Network> reader;
        private volatile Network network;

        public NullNetwork(String file, Supplier<Network> reader) {
            this.file = file;
            this.reader = reader;
        }

        public String file() {
            return file;
        }

        /** @throws TheoryFormatException if the file is missing or malformed */
        public Network network() {
            Network n = network;
            if (n == null) {
                n = reader.get();
                network = n;
            }
            return n;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public NullFreeness {
        nullNetworks = List.copyOf(nullNetworks);
    }

    public static NullFreeness unknown(String evidence) {
        return new NullFreeness(Status.UNKNOWN, Optional.empty(), Optional.empty(), evidence, List.of());
    }
}
