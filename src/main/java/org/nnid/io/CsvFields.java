package org.nnid.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one CSV line (RFC 4180 without line breaks inside fields): a field may be quoted,
 * with "" for a quote inside; text after a closing quote and an unclosed quote are errors.
 */
public final class CsvFields {
    private CsvFields() {}

    /**
     * @throws IllegalArgumentException naming the 1-based column of a malformed quoted field
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("column " + (out.size() + 1) + ": text after a closing quote");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("column " + (out.size() + 1) + ": a quote is not closed");
        }
        out.add(field.toString());
        return out;
    }
}
