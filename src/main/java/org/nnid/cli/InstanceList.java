package org.nnid.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A list of instance numbers as a user writes it: numbers from 1 and ranges, e.g. {@code 2,11,13-17}. */
final class InstanceList {
    private InstanceList() {
    }

    /**
     * The numbers, ascending and without repeats.
     *
     * @throws UserInputException naming the option when a part is not a number or range within 1..size
     */
    static List<Integer> parse(String option, String text, int size) {
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-', 1);
            int from = number(option, dash < 0 ? p : p.substring(0, dash), size);
            int to = dash < 0 ? from : number(option, p.substring(dash + 1), size);
            if (to < from) {
                throw new UserInputException(option + ": the range '" + p + "' runs backwards");
            }
            for (int i = from; i <= to; i++) {
                numbers.add(i);
            }
        }
        return new ArrayList<>(numbers);
    }

    private static int number(String option, String s, int size) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= 1 && n <= size) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UserInputException(option + ": expected instance numbers or ranges within 1.." + size + ", found '"
                + s + "'");
    }
}
