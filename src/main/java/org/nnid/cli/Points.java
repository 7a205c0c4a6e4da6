package org.nnid.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nnid.io.CsvFields;
import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarFormatException;

/**
 * Input points given on the command line ({@code --at -0.5,1/3}) or in a CSV file. Coordinates
 * are read exactly ("0.1" is 1/10, "Pi/4" is π/4) so that exact and interval evaluation see the
 * number the user wrote; double evaluation uses the nearest double.
 */
final class Points {
    private Points() {}

    /** One point: comma-separated coordinates; {@code what} names the option in errors. */
    static Scalar[] parse(String text, String what) {
        String[] parts = text.split(",", -1);
        Scalar[] x = new Scalar[parts.length];
        for (int i = 0; i < parts.length; i++) {
            x[i] = coordinate(parts[i], what + ": coordinate " + (i + 1));
        }
        return x;
    }

    static Scalar coordinate(String text, String where) {
        String s = text.strip();
        try {
            return Scalar.parseExact(s);
        } catch (ScalarFormatException e) {
            throw new UserInputException(where + ": " + e.getMessage());
        }
    }

    /**
     * The nearest doubles, for double evaluation; a coordinate that has none (beyond the largest
     * double, or nonzero but rounding to 0) is bad input: {@code where} names the option or line.
     */
    static double[] toDoubles(Scalar[] x, String where) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i].toDouble();
            boolean vanished = d[i] == 0 && !x[i].isZero();
            if (Double.isInfinite(d[i]) || vanished) {
                throw new UserInputException(where + ": coordinate " + (i + 1) + ": " + Scalar.quoted(x[i].toText())
                        + (vanished ? " is too small for a double (it would be read as 0)"
                                : " lies beyond the largest double (" + Double.MAX_VALUE + ")")
                        + "; evaluate it with --exact or --interval");
            }
        }
        return d;
    }

    /** A parsed CSV file: the header line if it had one, and the rows as text. */
    record Csv(List<String> header, List<String[]> rows, List<Integer> lineNumbers) {}

    /** Whether a CSV file's first line names the columns. */
    enum Header {
        /** a header iff no field of the first line reads as a coordinate (the rule --help states) */
        AUTO,
        YES,
        NO
    }

    /**
     * Reads a CSV of points, one per non-empty line; fields may be quoted ("0.5", with "" for a
     * quote inside). Whether the first line is a header follows {@code rule}; under AUTO a first
     * line that mixes values and names is an error, never silently dropped. Every row must have
     * {@code dims} coordinates.
     */
    static Csv readCsv(Path file, int dims, Header rule) {
        List<String> lines = TextFiles.read(file, "a CSV file of points").lines().toList();
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        boolean first = true;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = fields(line, file, n + 1);
            if (first) {
                first = false;
                if (isHeader(fields, rule, file, n + 1)) {
                    header = new ArrayList<>();
                    for (String f : fields) {
                        header.add(f.strip());
                    }
                    continue;
                }
            }
            if (fields.length != dims) {
                throw new UserInputException(file + ": line " + (n + 1) + ": expected " + dims + " coordinates, found "
                        + fields.length);
            }
            rows.add(fields);
            numbers.add(n + 1);
        }
        return new Csv(header, rows, numbers);
    }

    private static boolean isHeader(String[] fields, Header rule, Path file, int line) {
        if (rule != Header.AUTO) {
            return rule == Header.YES;
        }
        int values = 0;
        for (String f : fields) {
            try {
                Scalar.parseExact(f.strip());
                values++;
            } catch (ScalarFormatException e) {
                // a name, not a value
            }
        }
        if (values != 0 && values != fields.length) {
            throw new UserInputException(file + ": line " + line + ": some fields read as values and some do not;"
                    + " say --header if it names the columns, or fix the row");
        }
        return values == 0;
    }

    /** The fields of one line ({@link CsvFields}), a malformed one named by file, line and column. */
    static String[] fields(String line, Path file, int lineNumber) {
        try {
            return CsvFields.split(line).toArray(String[]::new);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": line " + lineNumber + ", " + e.getMessage());
        }
    }
}
