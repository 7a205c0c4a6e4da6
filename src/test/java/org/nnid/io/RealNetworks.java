package org.nnid.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The public networks of {@code examples/networks} (ACAS Xu, ERAN, MNIST; see its README), read
 * from there relative to the project root as that README asks, and their reference outputs.
 */
final class RealNetworks {
    static final Path DIR = Path.of("examples", "networks");

    private RealNetworks() {}

    /** A reference file: inputs and the outputs of a float64 interpretation of the graph. */
    record Reference(String network, double[][] inputs, double[][] outputs) {
        Path file() {
            return DIR.resolve(network);
        }
    }

    static List<Reference> references() {
        if (!Files.isDirectory(DIR.resolve("reference"))) {
            throw new IllegalStateException(DIR.toAbsolutePath() + " is missing: the real-network tests need"
                    + " examples/networks in the project");
        }
        try (Stream<Path> files = Files.list(DIR.resolve("reference"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(RealNetworks::reference).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reference reference(String network) {
        return reference(DIR.resolve("reference").resolve(network.replaceFirst("\\.onnx$", ".json")));
    }

    private static Reference reference(Path file) {
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            return new Reference(n.get("network").asText(), matrix(n.get("inputs")), matrix(n.get("outputs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode r = rows.get(i);
            m[i] = new double[r.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = r.get(j).doubleValue();
            }
        }
        return m;
    }

    /** max over entries of |a − b| / |b| (|b| = 0 counts as exact agreement required). */
    static double maxRelativeError(double[] a, double[] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            double d = Math.abs(a[k] - b[k]);
            worst = Math.max(worst, d == 0 ? 0 : b[k] == 0 ? Double.POSITIVE_INFINITY : d / Math.abs(b[k]));
        }
        return worst;
    }
}
