package org.nnid.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Buckets files by their hash keys: two files are candidates for one group when they share any
 * key, and so, transitively, are the files linked through others (union–find). A file that
 * straddles a rounding boundary of one hash joins its copies through the other.
 */
final class CandidateGroups {
    private CandidateGroups() {}

    /** The buckets with at least two files, each as ascending indices, ordered by their first index. */
    static List<List<Integer>> of(Fingerprint[] prints) {
        int[] parent = new int[prints.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < prints.length; i++) {
            for (String key : prints[i].keys()) {
                Integer other = firstWithKey.putIfAbsent(key, i);
                if (other != null) {
                    union(parent, other, i);
                }
            }
        }
        Map<Integer, List<Integer>> byRoot = new TreeMap<>();
        for (int i = 0; i < prints.length; i++) {
            if (prints[i].readable()) {
                byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> g : byRoot.values()) {
            if (g.size() > 1) {
                groups.add(g);
            }
        }
        groups.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        return groups;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
