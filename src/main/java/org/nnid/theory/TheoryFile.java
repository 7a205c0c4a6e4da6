package org.nnid.theory;

import org.nnid.activation.Activations;

import org.nnid.activation.Activation;
import org.nnid.activation.DeclaredDomain;
import org.nnid.activation.DefinedActivation;
import org.nnid.activation.Formula;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.nnid.io.NetworkFormatException;
import org.nnid.io.NetworkJson;
import org.nnid.io.Nonlinearities;
import org.nnid.io.OnnxSpelling;
import org.nnid.net.Network;
import org.nnid.scalar.Scalar;
import org.nnid.symja.SymjaException;

/**
 * Reads a theory file: YAML, one theory per file, comments carrying the proofs (see
 * {@code theories/README.md} for the format). Reading checks the form only (keys, formulas,
 * variables, files); whether the facts are true is {@link TheoryVerifier}'s job. Errors are
 * {@link TheoryFormatException}s with one-line messages such as
 * {@code relu.theory: symmetries[0].condition: unknown variable 'mu' (the parameters are: lambda)}.
 */
public final class TheoryFile {

    /** Where a theory file's relative files (its null networks) are read from. */
    public interface Origin {
        /** The text of a file named relative to the theory file. */
        String read(String relative) throws IOException;
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final List<String> TOP_KEYS = List.of("name", "aliases", "description", "definition", "activation",
            "parameters", "onnx", "symmetries", "normal_form", "relations", "null_free", "properties", "exact_zero_test",
            "domain");
    /** An ONNX op type or attribute name: a letter, then letters, digits and _. */
    private static final Pattern ONNX_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private TheoryFile() {}

    /** Reads a user's theory file; its null networks are resolved against its directory. */
    public static Theory read(Path file) {
        String source = file.toString();
        org.nnid.io.FileBudget.excess(file).ifPresent(why -> {
            throw new TheoryFormatException(source, "", why);
        });
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TheoryFormatException(source, "", "no such file");
        } catch (IOException e) {
            throw new TheoryFormatException(source, "", "cannot read the file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, source, relative -> Files.readString(dir.resolve(relative), StandardCharsets.UTF_8), false);
    }

    /** Reads a built-in theory from a classpath folder such as {@code /org/nnid/theories/}. */
    public static Theory readResource(String folder, String fileName) {
        String text = resource(folder + fileName);
        if (text == null) {
            throw new TheoryFormatException(fileName, "", "built-in theory file missing from the classpath");
        }
        return parse(text, fileName, relative -> {
            String t = resource(folder + relative);
            if (t == null) {
                throw new NoSuchFileException(relative);
            }
            return t;
        }, true);
    }

    public static String resource(String name) {
        try (InputStream in = TheoryFile.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Parses theory text.
     *
     * @param source  the file as named in messages
     * @param builtin whether the theory ships with nnid
     */
    public static Theory parse(String yaml, String source, Origin origin, boolean builtin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            var loc = e.getLocation();
            throw new TheoryFormatException(source, loc == null ? "" : "line " + loc.getLineNr(),
                    "not valid YAML: " + firstLine(m));
        }
        return new Reader(source, origin, builtin).theory(root);
    }

    /**
     * Reads a network file (nnid-network/1) whose activation may name a theory that nnid's network
     * reader does not know. {@code bind} gets the activation's name and parameters and returns the
     * activation to use, or empty to let the network reader resolve a built-in name itself. A
     * name the reader does not know is read under a placeholder and the network is then rebound.
     *
     * @throws NetworkFormatException with a one-line message naming {@code source}
     */
    public static Network readNetwork(String text, String source,
            java.util.function.BiFunction<String, Map<String, String>, Optional<Activation>> bind) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NetworkFormatException(source, "", "not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
        JsonNode a = tree == null ? null : tree.get("activation");
        String an = null;
        Map<String, String> params = new LinkedHashMap<>();
        if (a != null && a.isTextual()) {
            an = a.textValue();
        } else if (a != null && a.isObject() && a.has("name")) {
            an = a.get("name").asText();
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (!p.getKey().equals("name")) {
                    params.put(p.getKey(), p.getValue().asText());
                }
            }
        }
        if (an == null) {
            return NetworkJson.parse(text, source); // the reader reports the missing or malformed activation
        }
        Optional<Activation> target = bind.apply(an, params);
        if (target.isEmpty()) {
            return NetworkJson.parse(text, source);
        }
        Network net;
        if (knownToNetworkReader(an) || !(tree instanceof ObjectNode o)) {
            net = NetworkJson.parse(text, source);
        } else {
            o.put("activation", "identity");
            try {
                net = NetworkJson.parse(JSON.writeValueAsString(o), source);
            } catch (JsonProcessingException e) {
                throw new NetworkFormatException(source, "", e.getOriginalMessage());
            }
        }
        return AffineRelation.withActivation(net, target.get()).withInputBox(net.inputBox().orElse(null));
    }

    /** Whether nnid's network reader knows the name: a built-in theory's name or alias. */
    public static boolean knownToNetworkReader(String activationName) {
        return Nonlinearities.builtins().find(activationName).isPresent();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static final class Reader {
        final String source;
        final Origin origin;
        final boolean builtin;

        Reader(String source, Origin origin, boolean builtin) {
            this.source = source;
            this.origin = origin;
            this.builtin = builtin;
        }

        TheoryFormatException fail(String where, String problem) {
            return new TheoryFormatException(source, where, problem);
        }

        Theory theory(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("", "expected a YAML mapping with keys name, definition, ...");
            }
            keys(root, "", TOP_KEYS);
            String name = name(required(root, "", "name"), "name");
            List<String> aliases = new ArrayList<>();
            JsonNode al = root.get("aliases");
            if (al != null) {
                list(al, "aliases");
                for (int i = 0; i < al.size(); i++) {
                    aliases.add(name(al.get(i), "aliases[" + i + "]"));
                }
            }
            String description = root.has("description") ? string(root.get("description"), "description") : "";

            Map<String, Scalar> parameters = new LinkedHashMap<>();
            List<String> conditions = new ArrayList<>();
            JsonNode ps = root.get("parameters");
            if (ps != null) {
                object(ps, "parameters");
                for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    String where = "parameters." + p.getKey();
                    checkParameterName(p.getKey(), where);
                    JsonNode spec = p.getValue();
                    object(spec, where);
                    keys(spec, where, List.of("default", "condition"));
                    Formula value = formula(required(spec, where, "default"), where + ".default");
                    if (!value.variables().isEmpty()) {
                        throw fail(where + ".default", "expected a constant, found variables " + value.variables());
                    }
                    parameters.put(p.getKey(), constant(value, where + ".default"));
                    if (spec.has("condition")) {
                        Formula c = formula(spec.get("condition"), where + ".condition");
                        onlyVariables(c, Set.of(p.getKey()), where + ".condition", "parameter");
                        conditions.add("(" + c.toSymja() + ")");
                    }
                }
            }
            Optional<Formula> parameterCondition = conditions.isEmpty() ? Optional.empty()
                    : Optional.of(Formula.parse(String.join(" && ", conditions)));
            if (parameterCondition.isPresent() && !parameterCondition.get().holds(parameters)) {
                throw fail("parameters", "the default values do not satisfy the conditions");
            }

            Formula definition = formula(required(root, "", "definition"), "definition");
            Set<String> allowed = new LinkedHashSet<>(parameters.keySet());
            allowed.add("t");
            onlyVariables(definition, allowed, "definition", "variable");
            if (!definition.variables().contains("t")) {
                throw fail("definition", "the definition does not depend on t");
            }
            if (definition.isCondition()) {
                throw fail("definition", "expected an expression in t, found a condition");
            }

            Activation activation;
            if (root.has("activation")) {
                String an = string(root.get("activation"), "activation");
                Activation base;
                try {
                    base = Activations.byName(an);
                } catch (IllegalArgumentException e) {
                    // A user's file may name the evaluation by a built-in theory's alias (activation: sigmoid);
                    // the built-in files name it canonically (they are what gives the aliases).
                    base = (builtin ? Optional.<Activation>empty() : Nonlinearities.builtins().find(an)
                            .map(org.nnid.io.Nonlinearity::activation).filter(a -> !(a instanceof DefinedActivation)))
                            .orElseThrow(() -> fail("activation", e.getMessage()));
                }
                try {
                    activation = Theory.bindActivation(name, base, parameters, definition);
                } catch (IllegalArgumentException e) {
                    throw fail("activation", e.getMessage());
                }
            } else if (root.has("domain")) {
                DeclaredDomain domain;
                try {
                    domain = DeclaredDomain.parse(string(root.get("domain"), "domain"));
                } catch (IllegalArgumentException e) {
                    throw fail("domain", e.getMessage());
                }
                activation = Theory.bindActivation(name, new DefinedActivation(name, definition, Map.of(), domain),
                        parameters, definition);
            } else {
                activation = Theory.bindActivation(name, null, parameters, definition);
            }
            if (root.has("activation") && root.has("domain")) {
                throw fail("domain", "a declared domain needs ρ evaluated from its definition: remove 'activation'");
            }

            SymmetryGroup group = symmetries(root.get("symmetries"));
            NormalForm nf = root.has("normal_form") ? normalForm(root.get("normal_form")) : NormalForm.identity();
            List<AffineRelation> relations = relations(root.get("relations"), name);
            NullFreeness nullFree = root.has("null_free") ? nullFree(root.get("null_free"), name, aliases, activation)
                    : NullFreeness.unknown("");
            if (nullFree.byRelation().isPresent()
                    && relations.stream().noneMatch(r -> r.to().equals(nullFree.byRelation().get()))) {
                throw fail("null_free.by_relation", "no relation to '" + nullFree.byRelation().get()
                        + "' is declared under relations");
            }
            List<OnnxSpelling> onnx = onnx(root.get("onnx"), parameters.keySet());
            Optional<ExactZeroTest> zeroTest = exactZeroTest(root.get("exact_zero_test"), nullFree);
            return new Theory(name, aliases, description, definition, parameters, parameterCondition, activation, builtin,
                    group, nf, relations, nullFree, source, root.has("normal_form"), properties(root.get("properties")),
                    onnx, zeroTest);
        }

        // ---------------------------------------------------------------- ONNX spellings

        /**
         * {@code onnx: [Relu]} or, for an operator with attributes or of a later opset, {@code {op:
         * LeakyRelu, opset: 6, parameters: {slope: {attribute: alpha, default: 0.01}}, attributes:
         * {approximate: none}}}.
         */
        List<OnnxSpelling> onnx(JsonNode node, Set<String> parameterNames) {
            List<OnnxSpelling> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            list(node, "onnx");
            Set<String> ops = new java.util.HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String where = "onnx[" + i + "]";
                JsonNode s = node.get(i);
                OnnxSpelling spelling;
                if (s.isTextual()) {
                    spelling = OnnxSpelling.of(onnxName(s, where));
                } else if (s.isObject()) {
                    keys(s, where, List.of("op", "opset", "parameters", "attributes"));
                    String op = onnxName(required(s, where, "op"), where + ".op");
                    int opset = 1;
                    if (s.has("opset")) {
                        JsonNode v = s.get("opset");
                        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
                            throw fail(where + ".opset", "expected the opset version that introduced " + op
                                    + " (a whole number from 1), found " + describe(v));
                        }
                        opset = v.intValue();
                    }
                    Map<String, OnnxSpelling.FloatAttribute> params = new LinkedHashMap<>();
                    if (s.has("parameters")) {
                        JsonNode ps = s.get("parameters");
                        object(ps, where + ".parameters");
                        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> p = it.next();
                            String w = where + ".parameters." + p.getKey();
                            if (!parameterNames.contains(p.getKey())) {
                                throw fail(w, "'" + p.getKey() + "' is not a parameter of the theory (its parameters: "
                                        + (parameterNames.isEmpty() ? "none" : String.join(", ", parameterNames)) + ")");
                            }
                            object(p.getValue(), w);
                            keys(p.getValue(), w, List.of("attribute", "default"));
                            String attribute = onnxName(required(p.getValue(), w, "attribute"), w + ".attribute");
                            Optional<Float> onnxDefault = Optional.empty();
                            if (p.getValue().has("default")) {
                                JsonNode d = p.getValue().get("default");
                                if (!d.isNumber()) {
                                    throw fail(w + ".default", "expected ONNX's default of the float attribute, a number,"
                                            + " found " + describe(d));
                                }
                                onnxDefault = Optional.of(d.floatValue());
                            }
                            params.put(p.getKey(), new OnnxSpelling.FloatAttribute(attribute, onnxDefault));
                        }
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    if (s.has("attributes")) {
                        JsonNode as = s.get("attributes");
                        object(as, where + ".attributes");
                        for (Iterator<Map.Entry<String, JsonNode>> it = as.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> a = it.next();
                            String w = where + ".attributes." + a.getKey();
                            if (!ONNX_NAME.matcher(a.getKey()).matches()) {
                                throw fail(w, "'" + a.getKey() + "' is not an ONNX attribute name");
                            }
                            attributes.put(a.getKey(), string(a.getValue(), w));
                        }
                    }
                    spelling = new OnnxSpelling(op, opset, params, attributes);
                } else {
                    throw fail(where, "expected an ONNX operator such as Relu, or {op: ..., parameters: ...,"
                            + " attributes: ...}, found " + describe(s));
                }
                if (!ops.add(spelling.op())) {
                    throw fail(where, "the operator " + spelling.op() + " is listed twice");
                }
                out.add(spelling);
            }
            return out;
        }

        String onnxName(JsonNode node, String where) {
            String n = string(node, where);
            if (!ONNX_NAME.matcher(n).matches()) {
                throw fail(where, "'" + n + "' is not an ONNX operator or attribute name");
            }
            return n;
        }

        // ---------------------------------------------------------------- exact zero test

        /** {@code exact_zero_test: group_sums | phasor_sums | exponential_sums}. */
        Optional<ExactZeroTest> exactZeroTest(JsonNode node, NullFreeness nullFree) {
            if (node == null) {
                return Optional.empty();
            }
            String w = string(node, "exact_zero_test");
            ExactZeroTest test = ExactZeroTest.ofWord(w).orElseThrow(() -> fail("exact_zero_test",
                    "unknown test '" + w + "' (known: " + ExactZeroTest.words() + "; polynomial and piecewise-linear"
                            + " definitions need no key)"));
            if (test == ExactZeroTest.GROUP_SUMS && nullFree.status() != NullFreeness.Status.PROVED) {
                throw fail("exact_zero_test", "group_sums rests on null-freeness, but null_free.status is "
                        + nullFree.status().word());
            }
            return Optional.of(test);
        }

        // ---------------------------------------------------------------- properties

        java.util.Set<FunctionProperty> properties(JsonNode node) {
            java.util.Set<FunctionProperty> out = java.util.EnumSet.noneOf(FunctionProperty.class);
            if (node == null) {
                return out;
            }
            list(node, "properties");
            for (int i = 0; i < node.size(); i++) {
                String w = string(node.get(i), "properties[" + i + "]");
                try {
                    out.add(FunctionProperty.ofWord(w));
                } catch (IllegalArgumentException e) {
                    throw fail("properties[" + i + "]", "unknown property '" + w + "' (known: injective, analytic)");
                }
            }
            return out;
        }

        // ---------------------------------------------------------------- symmetries

        SymmetryGroup symmetries(JsonNode node) {
            if (node == null) {
                return SymmetryGroup.trivial();
            }
            list(node, "symmetries");
            List<SymmetryElement> elements = new ArrayList<>();
            List<SymmetryFamily> families = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String where = "symmetries[" + i + "]";
                JsonNode s = node.get(i);
                if (s.isArray()) {
                    elements.add(element(s, where));
                } else if (s.isObject()) {
                    families.add(family(s, where));
                } else {
                    throw fail(where, "expected an element [a, b, c, d] or a family {element: ..., parameters: ...}");
                }
            }
            return new SymmetryGroup(elements, families);
        }

        SymmetryElement element(JsonNode node, String where) {
            List<Formula> f = entries(node, where);
            Scalar[] e = new Scalar[4];
            for (int i = 0; i < 4; i++) {
                if (!f.get(i).variables().isEmpty()) {
                    throw fail(where + "[" + i + "]", "unknown variable '" + f.get(i).variables().iterator().next()
                            + "' (a single element is constant; declare a family for parameters)");
                }
                e[i] = constant(f.get(i), where + "[" + i + "]");
            }
            try {
                return SymmetryElement.of(e[0], e[1], e[2], e[3]);
            } catch (IllegalArgumentException ex) {
                throw fail(where, ex.getMessage());
            }
        }

        List<Formula> entries(JsonNode node, String where) {
            if (!node.isArray() || node.size() != 4) {
                throw fail(where, "expected four entries [a, b, c, d], found "
                        + (node.isArray() ? node.size() + "" : describe(node)));
            }
            List<Formula> f = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Formula x = formula(node.get(i), where + "[" + i + "]");
                if (x.isCondition()) {
                    throw fail(where + "[" + i + "]", "expected a value, found a condition");
                }
                f.add(x);
            }
            return f;
        }

        SymmetryFamily family(JsonNode node, String where) {
            keys(node, where, List.of("element", "parameters", "condition"));
            Map<String, SymmetryFamily.Kind> params = new LinkedHashMap<>();
            JsonNode ps = required(node, where, "parameters");
            object(ps, where + ".parameters");
            for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                String pw = where + ".parameters." + p.getKey();
                checkParameterName(p.getKey(), pw);
                String kind = string(p.getValue(), pw);
                params.put(p.getKey(), SymmetryFamily.Kind.of(kind)
                        .orElseThrow(() -> fail(pw, "unknown kind '" + kind + "' (known: real, integer, sign)")));
            }
            if (params.isEmpty()) {
                throw fail(where + ".parameters", "a family needs at least one parameter");
            }
            List<Formula> element = entries(required(node, where, "element"), where + ".element");
            for (int i = 0; i < 4; i++) {
                onlyVariables(element.get(i), params.keySet(), where + ".element[" + i + "]", "parameter");
            }
            Optional<Formula> condition = Optional.empty();
            if (node.has("condition")) {
                Formula c = formula(node.get("condition"), where + ".condition");
                if (!c.isCondition()) {
                    throw fail(where + ".condition", "expected a condition such as 'lambda > 0', found " + c);
                }
                onlyVariables(c, params.keySet(), where + ".condition", "parameter");
                condition = Optional.of(c);
            }
            return new SymmetryFamily(element, params, condition);
        }

        // ---------------------------------------------------------------- normal form

        NormalForm normalForm(JsonNode node) {
            String where = "normal_form";
            if (node.isTextual()) {
                if (!node.textValue().equals("identity")) {
                    throw fail(where, "only 'identity' can be given without parameters; write {rule: "
                            + node.textValue() + ", ...}");
                }
                return NormalForm.identity();
            }
            object(node, where);
            String rule = string(required(node, where, "rule"), where + ".rule");
            try {
                return switch (rule) {
                    case "identity" -> {
                        keys(node, where, List.of("rule"));
                        yield NormalForm.identity();
                    }
                    case "flip_first_significant" -> {
                        keys(node, where, List.of("rule", "flip"));
                        yield new NormalForm.FlipFirstSignificant(element(required(node, where, "flip"), where + ".flip"));
                    }
                    case "scale_first_significant" -> {
                        keys(node, where, List.of("rule", "element", "scale", "sign"));
                        String scale = string(required(node, where, "scale"), where + ".scale");
                        String sign = node.has("sign") ? string(node.get("sign"), where + ".sign") : "any";
                        if (!sign.equals("positive") && !sign.equals("any")) {
                            throw fail(where + ".sign", "expected 'positive' (scale = 1/|s|) or 'any' (scale = 1/s)");
                        }
                        yield new NormalForm.ScaleFirstSignificant(ruleFamily(node, where, scale), scale,
                                sign.equals("positive"));
                    }
                    case "zero_bias" -> {
                        keys(node, where, List.of("rule", "element", "shift"));
                        String shift = string(required(node, where, "shift"), where + ".shift");
                        yield new NormalForm.ZeroBias(ruleFamily(node, where, shift), shift);
                    }
                    case "scale_and_zero_bias" -> {
                        keys(node, where, List.of("rule", "element", "scale", "shift"));
                        String scale = string(required(node, where, "scale"), where + ".scale");
                        String shift = string(required(node, where, "shift"), where + ".shift");
                        yield new NormalForm.ScaleAndZeroBias(ruleFamily(node, where, scale, shift), scale, shift);
                    }
                    case "flip_then_shift" -> {
                        keys(node, where, List.of("rule", "flip", "element", "shift"));
                        SymmetryElement flip = element(required(node, where, "flip"), where + ".flip");
                        String shift = string(required(node, where, "shift"), where + ".shift");
                        yield NormalForm.FlipThenShift.of(flip, ruleFamily(node, where, shift), shift);
                    }
                    default -> throw fail(where + ".rule", "unknown rule '" + rule + "' (known: identity,"
                            + " flip_first_significant, scale_first_significant, zero_bias, scale_and_zero_bias,"
                            + " flip_then_shift)");
                };
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw fail(where, e.getMessage());
            }
        }

        /** The rule's element as a family in the named parameters (real; the kinds do not matter to the rule). */
        SymmetryFamily ruleFamily(JsonNode node, String where, String... params) {
            Map<String, SymmetryFamily.Kind> kinds = new LinkedHashMap<>();
            for (String p : params) {
                checkParameterName(p, where);
                kinds.put(p, SymmetryFamily.Kind.REAL);
            }
            List<Formula> element = entries(required(node, where, "element"), where + ".element");
            for (int i = 0; i < 4; i++) {
                onlyVariables(element.get(i), kinds.keySet(), where + ".element[" + i + "]", "parameter");
            }
            return new SymmetryFamily(element, kinds, Optional.empty());
        }

        // ---------------------------------------------------------------- relations

        List<AffineRelation> relations(JsonNode node, String name) {
            List<AffineRelation> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            list(node, "relations");
            for (int i = 0; i < node.size(); i++) {
                String where = "relations[" + i + "]";
                JsonNode r = node.get(i);
                object(r, where);
                keys(r, where, List.of("to", "alpha", "beta", "gamma", "delta"));
                String to = name(required(r, where, "to"), where + ".to");
                Formula[] v = new Formula[4];
                String[] k = {"alpha", "beta", "gamma", "delta"};
                for (int j = 0; j < 4; j++) {
                    String w = where + "." + k[j];
                    if (j >= 2 && !r.has(k[j])) {
                        v[j] = Formula.of(Scalar.ZERO);
                        continue;
                    }
                    v[j] = formula(required(r, where, k[j]), w);
                    if (!v[j].variables().isEmpty() || v[j].isCondition()) {
                        throw fail(w, "expected a constant, found " + v[j]);
                    }
                    if (!v[j].unknownFunctions().isEmpty() || Double.isNaN(v[j].evaluate(Map.of()))) {
                        throw fail(w, "not a real constant: " + v[j]);
                    }
                }
                try {
                    out.add(new AffineRelation(name, to, v[0], v[1], v[2], v[3]));
                } catch (IllegalArgumentException e) {
                    throw fail(where, e.getMessage());
                }
            }
            return out;
        }

        // ---------------------------------------------------------------- null-freeness

        NullFreeness nullFree(JsonNode node, String name, List<String> aliases, Activation activation) {
            String where = "null_free";
            object(node, where);
            keys(node, where, List.of("status", "citation", "by_relation", "evidence", "null_networks"));
            String s = string(required(node, where, "status"), where + ".status");
            NullFreeness.Status status = switch (s) {
                case "proved" -> NullFreeness.Status.PROVED;
                case "refuted" -> NullFreeness.Status.REFUTED;
                case "unknown" -> NullFreeness.Status.UNKNOWN;
                default -> throw fail(where + ".status", "expected proved, refuted or unknown, found '" + s + "'");
            };
            Optional<String> citation = node.has("citation")
                    ? Optional.of(string(node.get("citation"), where + ".citation")) : Optional.empty();
            Optional<String> byRelation = node.has("by_relation")
                    ? Optional.of(name(node.get("by_relation"), where + ".by_relation")) : Optional.empty();
            String evidence = node.has("evidence") ? string(node.get("evidence"), where + ".evidence") : "";
            List<NullFreeness.NullNetwork> nets = new ArrayList<>();
            JsonNode nn = node.get("null_networks");
            if (nn != null) {
                list(nn, where + ".null_networks");
                for (int i = 0; i < nn.size(); i++) {
                    String w = where + ".null_networks[" + i + "]";
                    String file = string(nn.get(i), w);
                    nets.add(new NullFreeness.NullNetwork(file, () -> nullNetwork(file, w, name, aliases, activation)));
                }
            }
            if (status == NullFreeness.Status.PROVED && citation.isEmpty() && byRelation.isEmpty()) {
                throw fail(where, "status proved needs a citation or by_relation");
            }
            if (status != NullFreeness.Status.PROVED && (citation.isPresent() || byRelation.isPresent())) {
                throw fail(where, "citation and by_relation belong to status proved");
            }
            if (status == NullFreeness.Status.REFUTED && nets.isEmpty()) {
                throw fail(where, "status refuted needs at least one null network (null_networks: [file.json])");
            }
            if (status != NullFreeness.Status.REFUTED && !nets.isEmpty()) {
                throw fail(where + ".null_networks", "null networks contradict status " + s);
            }
            return new NullFreeness(status, citation, byRelation, evidence, nets);
        }

        /**
         * A null network file in the nnid-network/1 format whose activation names this theory. A
         * name nnid's network reader does not know (a user theory) is read under a placeholder and
         * the network is rebound to the theory's activation.
         */
        Network nullNetwork(String file, String where, String name, List<String> aliases, Activation activation) {
            String text;
            try {
                text = origin.read(file);
            } catch (NoSuchFileException e) {
                throw fail(where, file + ": no such file");
            } catch (IOException e) {
                throw fail(where, file + ": cannot read the file: " + e.getMessage());
            }
            try {
                return readNetwork(text, file, (an, params) -> {
                    boolean mine = an.equalsIgnoreCase(name) || aliases.stream().anyMatch(an::equalsIgnoreCase)
                            || an.equalsIgnoreCase(activation.name());
                    if (!mine) {
                        throw new NetworkFormatException(file, "activation", "the network's activation is '" + an
                                + "', not '" + name + "'");
                    }
                    return Optional.of(activation);
                });
            } catch (NetworkFormatException e) {
                throw fail(where, e.getMessage());
            }
        }

        // ---------------------------------------------------------------- values

        Formula formula(JsonNode node, String where) {
            String text = scalarText(node, where);
            try {
                return Formula.parse(text);
            } catch (IllegalArgumentException e) {
                throw fail(where, e.getMessage());
            }
        }

        Scalar constant(Formula f, String where) {
            try {
                return f.evaluateExact(Map.of());
            } catch (SymjaException | ArithmeticException | IllegalArgumentException e) {
                throw fail(where, "not a real constant: " + f + " (" + e.getMessage() + ")");
            }
        }

        /** Fails on a variable outside {@code allowed}; {@code what} names them ("parameter", "variable"). */
        void onlyVariables(Formula f, Set<String> allowed, String where, String what) {
            for (String v : f.variables()) {
                if (!allowed.contains(v)) {
                    throw fail(where, "unknown variable '" + v + "' (the " + what + "s are: "
                            + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")");
                }
            }
        }

        void checkParameterName(String p, String where) {
            if (!Pattern.matches("[A-Za-z][A-Za-z0-9]*", p) || p.equals("t") || p.equals("Pi") || p.equals("E")
                    || p.equals("I")) {
                throw fail(where, "'" + p + "' cannot name a parameter (letters and digits; not t, Pi, E, I)");
            }
        }

        /** A YAML scalar as text: strings as written, integers and decimals exactly. */
        String scalarText(JsonNode node, String where) {
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isIntegralNumber()) {
                return node.bigIntegerValue().toString();
            }
            if (node.isBigDecimal()) {
                return node.decimalValue().toPlainString();
            }
            throw fail(where, "expected a number or a formula, found " + describe(node));
        }

        String string(JsonNode node, String where) {
            if (!node.isTextual()) {
                throw fail(where, "expected text, found " + describe(node));
            }
            return node.textValue();
        }

        String name(JsonNode node, String where) {
            String n = string(node, where);
            if (!NAME.matcher(n).matches()) {
                throw fail(where, "'" + n + "' is not a theory name (lower-case letters, digits and _)");
            }
            return n;
        }

        JsonNode required(JsonNode node, String where, String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw fail(where, "missing key '" + key + "'");
            }
            return v;
        }

        void keys(JsonNode node, String where, List<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!known.contains(k)) {
                    throw fail(where.isEmpty() ? k : where + "." + k, "unknown key (known: " + String.join(", ", known) + ")");
                }
            }
        }

        void list(JsonNode node, String where) {
            if (!node.isArray()) {
                throw fail(where, "expected a list, found " + describe(node));
            }
        }

        void object(JsonNode node, String where) {
            if (!node.isObject()) {
                throw fail(where, "expected a mapping, found " + describe(node));
            }
        }

        static String describe(JsonNode n) {
            if (n.isArray()) {
                return "a list";
            }
            if (n.isObject()) {
                return "a mapping";
            }
            if (n.isBoolean()) {
                return "a boolean";
            }
            if (n.isNull()) {
                return "nothing";
            }
            return "'" + n.asText() + "'";
        }
    }
}
