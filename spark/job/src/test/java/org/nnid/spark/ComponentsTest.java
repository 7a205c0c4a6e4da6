package org.nnid.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnid.dedup.Fingerprint;

/**
 * The buckets of the Spark job are the connected components of the file–key graph, labelled by
 * their smallest name: checked against a union–find on random graphs, including chains that need
 * several rounds of label spreading.
 */
class ComponentsTest {
    private static SparkSession session;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        session = SparkSession.builder().appName("nnid components test").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    @Test
    void everyFileSharingAKeyIsLabelledWithTheSmallestNameOfItsComponent() {
        Random random = new Random(20);
        for (int round = 0; round < 3; round++) {
            List<Fingerprint> prints = new ArrayList<>();
            int files = 20 + random.nextInt(40);
            for (int i = 0; i < files; i++) {
                String name = String.format("f%03d", random.nextInt(1000)) + "-" + i;
                if (random.nextInt(10) == 0) {
                    prints.add(new Fingerprint(name, 1, List.of(), "", "unreadable"));
                } else {
                    prints.add(new Fingerprint(name, 1, List.of("k" + random.nextInt(2 * files),
                            "k" + random.nextInt(2 * files)), "h", null));
                }
            }
            Map<String, String> spark = new TreeMap<>(SparkDedup.components(jsc.parallelize(prints, 3)).collectAsMap());
            assertEquals(unionFind(prints), spark, "round " + round);
        }
    }

    @Test
    void aChainOfSharedKeysIsOneComponent() {
        List<Fingerprint> prints = new ArrayList<>();
        for (int i = 0; i < 8; i++) { // f07 shares a key with f06, f06 with f05, …: the label crosses them all
            prints.add(new Fingerprint(String.format("f%02d", 7 - i), 1, List.of("k" + i, "k" + (i + 1)), "h", null));
        }
        Map<String, String> labels = SparkDedup.components(jsc.parallelize(prints, 4)).collectAsMap();
        assertEquals(8, labels.size());
        labels.values().forEach(l -> assertEquals("f00", l));
    }

    /** The smallest name of each file's component, for the files that share a key with another. */
    private static Map<String, String> unionFind(List<Fingerprint> prints) {
        Map<String, String> parent = new HashMap<>();
        Map<String, String> firstWithKey = new HashMap<>();
        Map<String, java.util.Set<String>> holders = new HashMap<>();
        for (Fingerprint f : prints) {
            parent.put(f.name(), f.name());
            for (String k : f.keys()) {
                holders.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(f.name());
            }
        }
        for (Fingerprint f : prints) {
            for (String k : f.keys()) {
                String other = firstWithKey.putIfAbsent(k, f.name());
                if (other != null) {
                    String a = find(parent, other);
                    String b = find(parent, f.name());
                    parent.put(a.compareTo(b) > 0 ? a : b, a.compareTo(b) > 0 ? b : a);
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (Fingerprint f : prints) {
            if (f.keys().stream().anyMatch(k -> holders.get(k).size() > 1)) { // a key listed twice by one file is not shared
                out.put(f.name(), find(parent, f.name()));
            }
        }
        return out;
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }
}
