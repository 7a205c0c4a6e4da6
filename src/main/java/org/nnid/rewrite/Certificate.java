package org.nnid.rewrite;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnid.io.NetworkFormatException;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.scalar.DoubleScalar;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;
import org.nnid.theory.SymmetryElement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The evidence that a rewrite preserved the function: the ordered moves, the SHA-256 of the input
 * network's JSON, and the network they reach. {@link Replay} checks it without the rewriter.
 *
 * <p>JSON ({@code nnid-certificate/1}): exact values are strings, doubles are numbers, as in the
 * network format.
 *
 * <p>A certificate made by the rewriter computes the input's SHA-256 when it is first asked for
 * (writing the certificate, replaying it), not when the network is canonicalised: for a network of
 * millions of weights that hash costs more than canonicalisation itself. It is streamed from the
 * network's JSON into the digest, never held as one string.
 */
public final class Certificate {
    public static final String FORMAT = "nnid-certificate/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Network input;
    private volatile String inputSha256;
    private final List<Move> moves;
    private final Network result;

    public Certificate(String inputSha256, List<Move> moves, Network result) {
        this(null, inputSha256, moves, result);
    }

    private Certificate(Network input, String inputSha256, List<Move> moves, Network result) {
        this.input = input;
        this.inputSha256 = inputSha256;
        this.moves = List.copyOf(moves);
        this.result = result;
    }

    static Certificate of(Network input, List<Move> moves, Network result) {
        return new Certificate(input, null, moves, result);
    }

    /** The SHA-256 of the input network's JSON ({@link NetworkJson#write}), in hex. */
    public String inputSha256() {
        String sha = inputSha256;
        if (sha == null) {
            sha = sha256(input);
            inputSha256 = sha;
        }
        return sha;
    }

    public List<Move> moves() {
        return moves;
    }

    public Network result() {
        return result;
    }

    /** SHA-256 of a text's UTF-8 bytes, in hex. */
    public static String sha256(String text) {
        MessageDigest digest = sha256();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 of a network's JSON, {@code sha256(NetworkJson.write(net))}, without building the text. */
    public static String sha256(Network net) {
        MessageDigest digest = sha256();
        try (OutputStreamWriter out = new OutputStreamWriter(new DigestOutputStream(OutputStream.nullOutputStream(), digest),
                StandardCharsets.UTF_8); BufferedWriter buffered = new BufferedWriter(out, 1 << 16)) {
            NetworkJson.write(net, buffered);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a digest does not fail
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Counts of moves by name, in first-seen order: the summary users read. */
    public Map<String, Integer> summary() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Move m : moves) {
            counts.merge(m.name(), 1, Integer::sum);
        }
        return counts;
    }

    public String toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("nnid_version", org.nnid.io.NnidVersion.get());
        root.put("input_sha256", inputSha256());
        String resultJson = NetworkJson.write(result);
        root.put("result_sha256", sha256(resultJson));
        ArrayNode list = root.putArray("moves");
        for (Move m : moves) {
            ObjectNode o = list.addObject();
            o.put("move", m.name());
            if (m instanceof Move.Permute p) {
                ObjectNode r = o.putObject("renaming");
                p.renaming().forEach(r::put);
            } else if (m instanceof Move.ApplySymmetry s) {
                o.put("node", s.node());
                o.set("element", element(s.element()));
            } else if (m instanceof Move.FoldConstant c) {
                o.put("node", c.node());
            } else if (m instanceof Move.DeleteDead d) {
                o.put("node", d.node());
            } else if (m instanceof Move.MergeClones c) {
                o.put("keep", c.keep());
                o.put("remove", c.remove());
                o.set("element", element(c.element()));
                if (c.tolerance() > 0) {
                    o.put("tolerance", c.tolerance());
                }
            }
        }
        try {
            root.set("result", MAPPER.readTree(resultJson));
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("nnid wrote JSON it cannot read back", e);
        }
    }

    private static ArrayNode element(SymmetryElement s) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Scalar x : new Scalar[] {s.a(), s.b(), s.c(), s.d()}) {
            if (x instanceof DoubleScalar d) {
                a.add(d.value());
            } else {
                a.add(x.toText());
            }
        }
        return a;
    }

    /** Reads a certificate; errors name the source and the JSON location, on one line. */
    public static Certificate parse(String json, String source) {
        return parse(json, source, NetworkJson::parse);
    }

    /**
     * Reads a certificate whose stated network is read by {@code networkReader} (text, source
     * name), for networks over users' theories.
     */
    public static Certificate parse(String json, String source,
            java.util.function.BiFunction<String, String, Network> networkReader) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NetworkFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new NetworkFormatException(source + ": expected a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new NetworkFormatException(source + ": format: expected \"" + FORMAT + "\"");
        }
        String input = text(root, "input_sha256", source, "input_sha256");
        JsonNode movesNode = root.get("moves");
        if (movesNode == null || !movesNode.isArray()) {
            throw new NetworkFormatException(source + ": moves: expected an array");
        }
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < movesNode.size(); i++) {
            moves.add(move(movesNode.get(i), source, "moves[" + i + "]"));
        }
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            throw new NetworkFormatException(source + ": result: expected the network the moves reach");
        }
        Network net = networkReader.apply(result.toString(), source + " (result)");
        String statedHash = text(root, "result_sha256", source, "result_sha256");
        if (!statedHash.equals(sha256(NetworkJson.write(net)))) {
            throw new NetworkFormatException(source + ": result_sha256: does not match the stated result network"
                    + " (the certificate was changed after it was written)");
        }
        return new Certificate(input, moves, net);
    }

    private static Move move(JsonNode o, String source, String where) {
        String name = text(o, "move", source, where + ".move");
        switch (name) {
            case "permute" -> {
                JsonNode r = o.get("renaming");
                if (r == null || !r.isObject()) {
                    throw new NetworkFormatException(source + ": " + where + ".renaming: expected an object");
                }
                Map<String, String> renaming = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    renaming.put(e.getKey(), e.getValue().asText());
                }
                return new Move.Permute(renaming);
            }
            case "symmetry" -> {
                return new Move.ApplySymmetry(text(o, "node", source, where + ".node"),
                        element(o.get("element"), source, where + ".element"));
            }
            case "fold_constant" -> {
                return new Move.FoldConstant(text(o, "node", source, where + ".node"));
            }
            case "delete_dead" -> {
                return new Move.DeleteDead(text(o, "node", source, where + ".node"));
            }
            case "merge_clones" -> {
                JsonNode tol = o.get("tolerance");
                if (tol != null && (!tol.isNumber() || !(tol.doubleValue() >= 0) || Double.isInfinite(tol.doubleValue()))) {
                    throw new NetworkFormatException(source + ": " + where + ".tolerance: expected a number >= 0");
                }
                return new Move.MergeClones(text(o, "keep", source, where + ".keep"),
                        text(o, "remove", source, where + ".remove"), element(o.get("element"), source, where + ".element"),
                        tol == null ? 0.0 : tol.doubleValue());
            }
            default -> throw new NetworkFormatException(source + ": " + where + ".move: unknown move '" + name
                    + "' (known: permute, symmetry, fold_constant, delete_dead, merge_clones)");
        }
    }

    private static SymmetryElement element(JsonNode a, String source, String where) {
        if (a == null || !a.isArray() || a.size() != 4) {
            throw new NetworkFormatException(source + ": " + where + ": expected [a, b, c, d]");
        }
        Scalar[] s = new Scalar[4];
        for (int i = 0; i < 4; i++) {
            JsonNode x = a.get(i);
            try {
                s[i] = x.isNumber() ? Scalar.of(x.doubleValue()) : x.isTextual() ? Scalar.parseExact(x.asText()) : null;
            } catch (ScalarFormatException e) {
                throw new NetworkFormatException(source + ": " + where + "[" + i + "]: " + e.getMessage());
            }
            if (s[i] == null) {
                throw new NetworkFormatException(source + ": " + where + "[" + i + "]: expected a number or a string");
            }
        }
        try {
            return SymmetryElement.of(s[0], s[1], s[2], s[3]);
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(source + ": " + where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode o, String field, String source, String where) {
        JsonNode x = o.get(field);
        if (x == null || !x.isTextual()) {
            throw new NetworkFormatException(source + ": " + where + ": expected a string");
        }
        return x.asText();
    }
}
