package org.nnid.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.nnid.cli.Main;

/**
 * The main class of the spark-submit jar: {@code nnid dedup} with the same arguments, run on the
 * master spark-submit was given (local[*] when started without it).
 */
public final class SparkDedupMain {
    private SparkDedupMain() {}

    public static void main(String[] args) {
        List<String> line = new ArrayList<>(List.of("dedup", "--spark", System.getProperty("spark.master", "local[*]")));
        line.addAll(List.of(args));
        int code = Main.run(line.toArray(String[]::new), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }
}
