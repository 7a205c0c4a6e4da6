package org.nnid.dedup;

import java.util.List;

/** RFC 4180 fields: quoted when they hold a comma, a quote or a line break. */
final class Csv {
    private Csv() {}

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String row(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(String.valueOf(fields[i])));
        }
        return b.append('\n').toString();
    }

    /** The fields of one line (no line breaks inside fields). */
    static List<String> parseLine(String line) {
        return org.nnid.io.CsvFields.split(line);
    }
}
