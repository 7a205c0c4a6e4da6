package org.nnid.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * The nearest command or option names to a mistyped one, for "did you mean …?": the names within
 * edit distance 2 of the word (the closest), so that {@code --bx} is answered with {@code --box}
 * and {@code shwo} with {@code show}; otherwise picocli's own suggestions (prefixes and the like).
 */
final class Suggestions {
    private Suggestions() {}

    static List<String> of(CommandLine.UnmatchedArgumentException ex) {
        List<String> unmatched = ex.getUnmatched();
        if (unmatched.isEmpty()) {
            return ex.getSuggestions();
        }
        String word = unmatched.get(0);
        int eq = word.indexOf('=');
        if (word.startsWith("-") && eq > 0) {
            word = word.substring(0, eq);
        }
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        List<String> names = new ArrayList<>(word.startsWith("-") ? spec.optionsMap().keySet()
                : spec.subcommands().keySet());
        List<String> near = nearest(word, names);
        return near.isEmpty() ? ex.getSuggestions() : near;
    }

    static List<String> nearest(String word, List<String> names) {
        int best = 3;
        List<String> out = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            int d = distance(word, name);
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best) {
                out.add(name);
            }
        }
        return out;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
