package org.nnid.dedup;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@link DedupReport} as CSV (one row per file placed), JSON, or Markdown for people. */
public final class ReportWriter {
    public enum Format { CSV, JSON, MD }

    private ReportWriter() {}

    public static String write(DedupReport r, Format format) {
        return switch (format) {
            case CSV -> csv(r);
            case JSON -> json(r);
            case MD -> markdown(r);
        };
    }

    /** One row per file: groups, then ε-groups, then split-off and unreadable files; totals last. */
    static String csv(DedupReport r) {
        StringBuilder b = new StringBuilder(Csv.row("section", "group", "file", "bytes", "detail"));
        int n = 0;
        for (DedupReport.Group g : r.groups()) {
            n++;
            for (DedupReport.Member m : g.members()) {
                b.append(Csv.row("same-function", n, m.file(), m.bytes(), m.proof()));
            }
        }
        n = 0;
        for (DedupReport.Group g : r.epsGroups()) {
            n++;
            for (DedupReport.Member m : g.members()) {
                b.append(Csv.row("same-up-to-eps", n, m.file(), m.bytes(), m.proof()));
            }
        }
        for (DedupReport.Split s : r.splits()) {
            b.append(Csv.row("split-off", "", s.file(), "", "hash matched " + s.representative() + "; " + s.verdict()
                    + ": " + s.reason()));
        }
        for (DedupReport.Unreadable u : r.unreadable()) {
            b.append(Csv.row("unreadable", "", u.file(), u.bytes(), u.reason()));
        }
        DedupReport.Totals t = r.totals();
        b.append(Csv.row("totals", "", "", t.bytesSaved(), summary(r)));
        return b.toString();
    }

    static String json(DedupReport r) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", "nnid-dedup/1");
        if (r.eps().isPresent()) {
            root.put("eps", r.eps().get());
        } else {
            root.putNull("eps");
        }
        DedupReport.Totals t = r.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("files", t.files());
        totals.put("networks", t.networks());
        totals.put("unreadable", r.unreadable().size());
        totals.put("skipped", r.skipped().size());
        totals.put("candidate_buckets", t.candidates());
        totals.put("checks", t.checks());
        totals.put("groups", r.groups().size());
        totals.put("grouped_files", t.groupedFiles());
        totals.put("bytes_saved", t.bytesSaved());
        totals.put("eps_groups", r.epsGroups().size());
        totals.put("eps_grouped_files", t.epsGroupedFiles());
        totals.put("eps_bytes_saved", t.epsBytesSaved());
        groups(root.putArray("groups"), r.groups());
        groups(root.putArray("eps_groups"), r.epsGroups());
        ArrayNode splits = root.putArray("split_off");
        for (DedupReport.Split s : r.splits()) {
            ObjectNode o = splits.addObject();
            o.put("file", s.file());
            o.put("hash_matched", s.representative());
            o.put("verdict", s.verdict());
            o.put("reason", s.reason());
        }
        ArrayNode bad = root.putArray("unreadable");
        for (DedupReport.Unreadable u : r.unreadable()) {
            ObjectNode o = bad.addObject();
            o.put("file", u.file());
            o.put("bytes", u.bytes());
            o.put("reason", u.reason());
        }
        ArrayNode skipped = root.putArray("skipped");
        r.skipped().forEach(skipped::add);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void groups(ArrayNode into, List<DedupReport.Group> groups) {
        for (DedupReport.Group g : groups) {
            ObjectNode o = into.addObject();
            o.put("representative", g.representative());
            o.put("hash", g.hash());
            o.put("bytes_saved", g.bytesSaved());
            ArrayNode members = o.putArray("members");
            for (DedupReport.Member m : g.members()) {
                ObjectNode mo = members.addObject();
                mo.put("file", m.file());
                mo.put("bytes", m.bytes());
                mo.put("proof", m.proof());
            }
        }
    }

    static String markdown(DedupReport r) {
        StringBuilder b = new StringBuilder("# nnid dedup\n\n").append(summary(r)).append("\n\n");
        section(b, "Same function (proved EQUIVALENT to the representative, exactly, on all of R^n)", r.groups());
        if (r.eps().isPresent()) {
            section(b, "Same up to eps = " + r.eps().get() + " (representatives proved WITHIN_EPS of the first)",
                    r.epsGroups());
        }
        if (!r.splits().isEmpty()) {
            b.append("## Split off: the hash matched, the checker did not prove equality\n\n| file | hash matched | verdict | reason |\n|---|---|---|---|\n");
            for (DedupReport.Split s : r.splits()) {
                b.append("| ").append(cell(s.file())).append(" | ").append(cell(s.representative())).append(" | ")
                        .append(s.verdict()).append(" | ").append(cell(s.reason())).append(" |\n");
            }
            b.append('\n');
        }
        if (!r.unreadable().isEmpty()) {
            b.append("## Unreadable\n\n| file | bytes | what was wrong |\n|---|---|---|\n");
            for (DedupReport.Unreadable u : r.unreadable()) {
                b.append("| ").append(cell(u.file())).append(" | ").append(u.bytes()).append(" | ").append(cell(u.reason()))
                        .append(" |\n");
            }
            b.append('\n');
        }
        if (!r.skipped().isEmpty()) {
            b.append("## Skipped (no network extension)\n\n");
            r.skipped().forEach(s -> b.append("- ").append(s).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<DedupReport.Group> groups) {
        b.append("## ").append(title).append("\n\n");
        if (groups.isEmpty()) {
            b.append("(none)\n\n");
            return;
        }
        int n = 0;
        for (DedupReport.Group g : groups) {
            n++;
            b.append("### Group ").append(n).append(": ").append(g.members().size()).append(" files, ")
                    .append(g.bytesSaved()).append(" bytes saved\n\nhash ").append(g.hash())
                    .append("\n\n| file | bytes | proof |\n|---|---|---|\n");
            for (DedupReport.Member m : g.members()) {
                b.append("| ").append(cell(m.file())).append(" | ").append(m.bytes()).append(" | ").append(cell(m.proof()))
                        .append(" |\n");
            }
            b.append('\n');
        }
    }

    /** One sentence with the totals. */
    public static String summary(DedupReport r) {
        DedupReport.Totals t = r.totals();
        return String.format(Locale.ROOT,
                "%d network files, %d read, %d unreadable, %d other files skipped; %d hash buckets confirmed with %d"
                        + " checks; %d groups of one function hold %d files (%d bytes saved)%s; %d files split off",
                t.files(), t.networks(), r.unreadable().size(), r.skipped().size(), t.candidates(), t.checks(),
                r.groups().size(), t.groupedFiles(), t.bytesSaved(),
                r.eps().isPresent() ? String.format(Locale.ROOT, "; %d groups the same up to eps hold %d files (%d bytes)",
                        r.epsGroups().size(), t.epsGroupedFiles(), t.epsBytesSaved()) : "",
                r.splits().size());
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
