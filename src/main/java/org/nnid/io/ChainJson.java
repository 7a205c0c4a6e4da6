package org.nnid.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Width-1 chains of any depth as nnid JSON (issue 22: depth is not a limit), in the layered form
 * (one layer per step) or the node form (one node per step, each reading the one before). Written
 * as a stream, so a 100,000-layer chain costs no more than its text.
 */
public final class ChainJson {
    /** The two ways an nnid JSON file can write a network. */
    public enum Form { LAYERED, NODES }

    /** The deepest chain written (10⁷ steps: a file of about half a gigabyte). */
    public static final int MAX_DEPTH = 10_000_000;

    private ChainJson() {}

    /**
     * x ↦ ρ(w·ρ(w·…ρ(w·x)…)) with {@code depth} hidden steps of weight {@code weight} and bias 0,
     * and a linear output of weight 1.
     *
     * @param weight an exact value as nnid JSON reads it (written as a string: "1/2", "1")
     */
    public static void write(Writer out, Form form, int depth, String activation, String weight) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the depth must be 1 to " + MAX_DEPTH + ", not " + depth);
        }
        String w = "\"" + weight.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String rho = "\"" + activation.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        try {
            if (form == Form.LAYERED) {
                out.write("{\"format\": \"nnid-network/1\", \"activation\": " + rho + ", \"inputs\": 1, \"layers\": [\n");
                for (int i = 0; i < depth; i++) {
                    out.write("{\"weights\": [[" + w + "]], \"bias\": [\"0\"]},\n");
                }
                out.write("{\"weights\": [[\"1\"]], \"bias\": [\"0\"]}]}\n");
            } else {
                out.write("{\"format\": \"nnid-network/1\", \"activation\": " + rho + ", \"inputs\": [\"x1\"], \"nodes\": [\n");
                String previous = "x1";
                for (int i = 0; i < depth; i++) {
                    out.write("{\"id\": \"h" + i + "\", \"in\": {\"" + previous + "\": " + w + "}},\n");
                    previous = "h" + i;
                }
                out.write("{\"id\": \"y1\", \"output\": true, \"in\": {\"" + previous + "\": \"1\"}}]}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chain as one string (for tests and small depths). */
    public static String text(Form form, int depth, String activation, String weight) {
        java.io.StringWriter s = new java.io.StringWriter();
        write(s, form, depth, activation, weight);
        return s.toString();
    }
}
