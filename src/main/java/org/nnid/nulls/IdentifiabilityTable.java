package org.nnid.nulls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.nnid.exact.ZeroDataJson;
import org.nnid.exact.ZeroDecision;
import org.nnid.exact.ZeroTests;
import org.nnid.net.Network;
import org.nnid.symbolic.NetworkExpressions;
import org.nnid.theory.NullFreeness;
import org.nnid.theory.Theory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One table of every nonlinearity: its symmetry group, and where its null-freeness stands —
 * "proved" only for what nnid proves, "cited" with the citation, "refuted" with a null network
 * written as a formula, or "open" — with the verdict on identifiability that follows. Text,
 * Markdown, LaTeX and JSON.
 */
public final class IdentifiabilityTable {

    /** Where null-freeness stands, and the exit code `nnid identifiability ACTIVATION` gives for it. */
    public enum Standing {
        PROVED("proved", 0), CITED("cited", 0), REFUTED("refuted", 1), OPEN("open", 3);

        private final String word;
        private final int exitCode;

        Standing(String word, int exitCode) {
            this.word = word;
            this.exitCode = exitCode;
        }

        public String word() {
            return word;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * One nonlinearity's row; {@code nullChecks}: for a refuted null-freeness, each null network's
     * exact zero test with the data it used (phasor sums, knots, expansions), so that "≡ 0" can be
     * checked by hand.
     */
    public record Row(String name, String definition, String group, Standing standing, String basis, String verdict,
            List<NullCheck> nullChecks) {}

    /** A null network's ≡ 0 decided again by the exact procedures ({@link ZeroTests}): how, and with what numbers. */
    public record NullCheck(String file, ZeroDecision decision) {
        /** Lines for people: the file, the method and outcome, then the data indented. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(file + ": " + switch (decision.verdict()) {
                case ZERO -> "≡ 0 by " + decision.method() + ": " + decision.evidence();
                case NONZERO -> "NOT ≡ 0 by " + decision.method() + ": " + decision.evidence();
                case NOT_APPLICABLE -> "no exact procedure applies (" + decision.evidence() + "); `nnid theory verify`"
                        + " proves it ≡ 0 symbolically";
            });
            decision.data().lines().forEach(l -> out.add("  " + l));
            return out;
        }
    }

    private IdentifiabilityTable() {}

    /** The row of one theory; {@code others} resolves the theory an affine relation points to. */
    public static Row row(Theory t, List<Theory> others) {
        NullFreeness nf = t.nullFreeness();
        Standing standing;
        String basis;
        List<NullCheck> checks = new ArrayList<>();
        switch (nf.status()) {
            case PROVED -> {
                Optional<Theory> related = nf.byRelation().flatMap(r -> others.stream().filter(o -> o.answersTo(r)).findFirst());
                if (nf.citation().isPresent()) {
                    standing = Standing.CITED;
                    basis = nf.citation().get();
                } else if (related.isPresent() && related.get().nullFreeness().citation().isPresent()) {
                    standing = Standing.CITED;
                    basis = "through the affine relation to " + related.get().name() + ": "
                            + related.get().nullFreeness().citation().get();
                } else {
                    standing = Standing.PROVED;
                    basis = nf.byRelation().map(r -> "through the affine relation to " + r).orElse(nf.evidence());
                }
            }
            case REFUTED -> {
                standing = Standing.REFUTED;
                List<String> formulas = new ArrayList<>();
                for (NullFreeness.NullNetwork n : nf.nullNetworks()) {
                    formulas.add(formula(n));
                    checks.add(new NullCheck(n.file(), ZeroTests.decide(n.network(), t, ZeroTests.DEFAULT_LIMIT)));
                }
                basis = "null network " + String.join("; ", formulas) + " ≡ 0";
            }
            default -> {
                standing = Standing.OPEN;
                basis = nf.evidence().isBlank() ? "no theorem and no null network known" : nf.evidence();
            }
        }
        String verdict = switch (standing) {
            case PROVED, CITED -> "identifiable up to S_ρ and reduction: equal functions have equal canonical forms";
            case REFUTED -> "not identifiable: adding a null network keeps the function and changes the weights";
            case OPEN -> "open: canonical forms are sound, their completeness is not known";
        };
        return new Row(t.name(), t.definition().toString(), t.group().toString(), standing, basis, verdict, checks);
    }

    /** The null network's function, output by output, as a formula in its inputs. */
    private static String formula(NullFreeness.NullNetwork n) {
        Network net = n.network();
        List<String> outputs = new ArrayList<>();
        for (int k = 0; k < net.outputCount(); k++) {
            outputs.add(NetworkExpressions.toSymja(net, k));
        }
        return String.join(", ", outputs) + " (" + n.file() + ")";
    }

    public enum Format { TEXT, MD, LATEX, JSON }

    public static String render(List<Row> rows, Format format) {
        return switch (format) {
            case TEXT -> text(rows);
            case MD -> markdown(rows);
            case LATEX -> latex(rows);
            case JSON -> json(rows);
        };
    }

    private static String text(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        for (Row r : rows) {
            s.append(r.name()).append(": ").append(r.definition()).append('\n')
                    .append("  symmetry group: ").append(r.group()).append('\n')
                    .append("  null-free:      ").append(r.standing().word()).append(" — ").append(r.basis()).append('\n')
                    .append("  verdict:        ").append(r.verdict()).append('\n');
        }
        return s.toString();
    }

    private static String markdown(List<Row> rows) {
        StringBuilder s = new StringBuilder("| ρ | definition | symmetry group | null-free | basis | verdict |\n"
                + "|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            s.append("| ").append(String.join(" | ", cell(r.name()), "`" + cell(r.definition()) + "`", cell(r.group()),
                    r.standing().word(), cell(r.basis()), cell(r.verdict()))).append(" |\n");
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String latex(List<Row> rows) {
        StringBuilder s = new StringBuilder("\\begin{tabular}{llll}\n\\hline\n$\\rho$ & symmetry group & null-free & basis \\\\\n\\hline\n");
        for (Row r : rows) {
            s.append(tex(r.name())).append(" & \\texttt{").append(tex(r.group())).append("} & ").append(r.standing().word())
                    .append(" & ").append(tex(r.basis())).append(" \\\\\n");
        }
        return s.append("\\hline\n\\end{tabular}\n").toString();
    }

    /** Plain text made safe for LaTeX. */
    private static String tex(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\textbackslash{}");
                case '_', '%', '&', '#', '$', '{', '}' -> s.append('\\').append(c);
                case '^' -> s.append("\\^{}");
                case '~' -> s.append("\\~{}");
                case '≡' -> s.append("$\\equiv$");
                case '—' -> s.append("---");
                case 'ρ' -> s.append("$\\rho$");
                case '±' -> s.append("$\\pm$");
                case 'ℤ' -> s.append("$\\mathbb{Z}$");
                case '∈' -> s.append("$\\in$");
                case 'π' -> s.append("$\\pi$");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String json(List<Row> rows) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("name", r.name());
            o.put("definition", r.definition());
            o.put("symmetry_group", r.group());
            o.put("null_free", r.standing().word());
            o.put("basis", r.basis());
            o.put("verdict", r.verdict());
            o.put("exit_code", r.standing().exitCode());
            if (!r.nullChecks().isEmpty()) {
                ArrayNode checks = o.putArray("null_network_checks");
                for (NullCheck c : r.nullChecks()) {
                    ObjectNode n = checks.addObject();
                    n.put("file", c.file());
                    n.put("outcome", c.decision().verdict().name());
                    n.put("method", c.decision().method());
                    n.put("detail", c.decision().evidence());
                    if (!c.decision().data().isEmpty()) {
                        n.set("data", ZeroDataJson.write(c.decision().data()));
                    }
                }
            }
        }
        return a.toPrettyString() + "\n";
    }

    public static Format format(String word) {
        try {
            return Format.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--as: expected text, md, latex or json, found '" + word + "'");
        }
    }
}
