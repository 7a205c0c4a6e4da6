package org.nnid.equiv;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.nnid.io.AtomicFile;
import org.nnid.io.NNetFormat;
import org.nnid.io.NetworkFormatException;
import org.nnid.net.Network;
import org.nnid.scalar.Interval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ACAS Xu differential-verification suite (benchmarks/acas-diff/README.md): for each
 * (property, network) instance, is max |N1(x) − N2(x)| ≤ ε over the property's box, N1 the
 * original network and N2 its 16-bit copy, both as the bare networks between the NNet
 * normalisations, the box normalised with N1's input means and ranges. Each instance is decided by
 * {@link DifferenceBound#decide} under a time limit and gets its certificate: the split tree (re-
 * checked leaf by leaf with {@code --check}) or an exactly evaluated witness.
 */
public final class DiffBenchmark {

    /** One instance's outcome. */
    public record Row(String property, String network, Verdict verdict, double seconds, double cpuSeconds, long boxes,
            int leaves, double checkSeconds, String detail) {}

    private final Path dir;
    private final double eps;
    private final double limit;
    private final double cpuLimit;
    private final Optional<Path> certificates;
    private final boolean check;

    /**
     * @param dir          the suite's directory (instances.csv, properties.json, the networks)
     * @param limit        seconds per instance (+∞: none)
     * @param cpuLimit     CPU seconds of all cores per instance (+∞: none)
     * @param certificates a directory to write one saved verdict per instance to, if any
     * @param check        re-check every certificate (the trees leaf by leaf, the witnesses exactly)
     */
    public DiffBenchmark(Path dir, double eps, double limit, double cpuLimit, Optional<Path> certificates,
            boolean check) {
        this.cpuLimit = cpuLimit;
        this.dir = dir;
        this.eps = eps;
        this.limit = limit;
        this.certificates = certificates;
        this.check = check;
    }

    /** How many instances the suite has (instances.csv). */
    public int size() {
        return instances().size();
    }

    /** Where {@code --certificates DIR} saves the verdict of instance {@code number} (from 1). */
    public Path certificateFile(Path d, int number) {
        String[] inst = instances().get(number - 1);
        return certificateFile(d, inst[0], inst[1]);
    }

    private static Path certificateFile(Path d, String property, String network) {
        return d.resolve("property" + property + "-" + network + ".verdict.json");
    }

    /**
     * Runs the selected instances (numbers from 1, in instances.csv order), printing one line per
     * instance to {@code progress} and the summary to {@code out}.
     *
     * @throws NetworkFormatException when the suite's files cannot be read
     */
    public List<Row> run(List<Integer> selected, PrintWriter out, PrintWriter progress) {
        List<String[]> instances = instances();
        Map<String, double[][]> boxes = properties();
        List<Row> rows = new ArrayList<>();
        for (int number : selected) {
            String[] inst = instances.get(number - 1);
            Row r = runOne(inst, boxes);
            rows.add(r);
            progress.printf(Locale.ROOT, "  [%3d/%d] property %-3s %-30s %-11s %8.2f s (cpu %7.2f s) %9d boxes%s%n",
                    number, instances.size(), r.property(), r.network(), r.verdict(), r.seconds(), r.cpuSeconds(), r.boxes(),
                    r.verdict() == Verdict.UNKNOWN ? "  (" + r.detail() + ")" : check ? String.format(Locale.ROOT,
                            "  (certificate re-checked in %.2f s: %s)", r.checkSeconds(), r.detail()) : "");
            progress.flush();
        }
        summary(rows, out);
        return rows;
    }

    private Row runOne(String[] inst, Map<String, double[][]> boxes) {
        String property = inst[0];
        String network = inst[1];
        Path originalFile = dir.resolve(inst[2]);
        Network a = NNetFormat.readWithoutNormalisation(originalFile);
        Network b = NNetFormat.readWithoutNormalisation(dir.resolve(inst[3]));
        double[][] raw = boxes.get(property);
        if (raw == null) {
            throw new NetworkFormatException(dir.resolve("properties.json") + ": no property " + property);
        }
        NNetFormat.InputNormalisation norm = NNetFormat.inputNormalisation(originalFile);
        Box[] box = normalised(raw, norm);
        long start = System.nanoTime();
        long cpuStart = ProcessCpu.nanos();
        SplitSearch.Outcome o = DifferenceBound.decide(a, b, box[0], box[1], eps, SplitSearch.Limits.seconds(limit, cpuLimit));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (ProcessCpu.nanos() - cpuStart) / 1e9;
        Verdict verdict;
        List<Evidence> evidence = new ArrayList<>();
        String detail = "";
        int leaves = 0;
        if (o instanceof SplitSearch.Outcome.Within w) {
            verdict = Verdict.WITHIN_EPS;
            Evidence.BoxBound bb = DifferenceBound.evidence(a, b, box[0], w.tree());
            evidence.add(bb);
            leaves = bb.pieces();
            detail = "bound " + bb.upperBound() + " over " + leaves + " leaves";
        } else if (o instanceof SplitSearch.Outcome.Exceeds x) {
            verdict = Verdict.EXCEEDS_EPS;
            evidence.add(x.witness());
            detail = x.witness().describe();
        } else {
            verdict = Verdict.UNKNOWN;
            detail = ((SplitSearch.Outcome.Open) o).why();
        }
        double checkSeconds = 0;
        if (check && verdict != Verdict.UNKNOWN) {
            long t = System.nanoTime();
            Optional<String> failure = evidence.get(0) instanceof Evidence.BoxBound bb
                    ? DifferenceBound.recheck(a, b, bb)
                    : recheckWitness(a, b, (Evidence.Witness) evidence.get(0));
            checkSeconds = (System.nanoTime() - t) / 1e9;
            if (failure.isPresent()) {
                throw new IllegalStateException("the certificate of property " + property + " on " + network
                        + " does not re-check: " + failure.get());
            }
            detail = "holds";
        }
        certificates.ifPresent(d -> save(d, property, network, a, b, box, verdict, evidence, o));
        return new Row(property, network, verdict, seconds, cpu, o.boxes(), leaves, checkSeconds, detail);
    }

    private static Optional<String> recheckWitness(Network a, Network b, Evidence.Witness w) {
        return ExactPiecewise.prove(a, b, w.x(), w.output(), w.eps()).isPresent() ? Optional.empty()
                : Optional.of("the witness does not hold in exact arithmetic");
    }

    /**
     * The property's box normalised with the NNet input means and ranges, twice: rounded outwards
     * (what bounds must cover) and inwards (where witnesses must lie).
     */
    static Box[] normalised(double[][] raw, NNetFormat.InputNormalisation norm) {
        int m = raw[0].length;
        double[] outerLo = new double[m];
        double[] outerHi = new double[m];
        double[] innerLo = new double[m];
        double[] innerHi = new double[m];
        for (int j = 0; j < m; j++) {
            Interval lo = Interval.point(raw[0][j]).sub(Interval.point(norm.mean()[j])).div(Interval.point(norm.range()[j]));
            Interval hi = Interval.point(raw[1][j]).sub(Interval.point(norm.mean()[j])).div(Interval.point(norm.range()[j]));
            if (norm.range()[j] < 0) {
                Interval t = lo;
                lo = hi;
                hi = t;
            }
            outerLo[j] = lo.lo();
            outerHi[j] = hi.hi();
            innerLo[j] = lo.hi();
            innerHi[j] = hi.lo();
            if (innerLo[j] > innerHi[j]) { // a fixed input: any double of its enclosure
                innerLo[j] = innerHi[j] = lo.hi();
            }
        }
        return new Box[] {new Box(outerLo, outerHi), new Box(innerLo, innerHi)};
    }

    private void save(Path d, String property, String network, Network a, Network b, Box[] box, Verdict verdict,
            List<Evidence> evidence, SplitSearch.Outcome o) {
        Domain domain = new Domain(Optional.of(box[1]), Optional.of(box[0]), "ACAS Xu property " + property
                + " normalised with " + network + "'s input means and ranges");
        String reason = switch (verdict) {
            case WITHIN_EPS -> "max |A - B| <= " + ((Evidence.BoxBound) evidence.get(0)).upperBound() + " <= " + eps
                    + ", proved by bisection";
            case EXCEEDS_EPS -> "|A - B| > " + eps + " is proved at an input in the box";
            default -> "undecided: " + ((SplitSearch.Outcome.Open) o).why();
        };
        ProofKind kind = switch (verdict) {
            case WITHIN_EPS -> ProofKind.BOUND;
            case EXCEEDS_EPS -> ProofKind.WITNESS;
            default -> ProofKind.UNDECIDED;
        };
        Checker.Result r = new Checker.Result(verdict, kind, reason, new Question.Closeness(eps), domain, 0, List.of(),
                evidence, List.of(), List.of(), Map.of());
        try {
            Files.createDirectories(d);
            AtomicFile.write(certificateFile(d, property, network),
                    VerdictFile.write(a, null, b, null, r, false).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void summary(List<Row> rows, PrintWriter out) {
        long within = rows.stream().filter(r -> r.verdict() == Verdict.WITHIN_EPS).count();
        long exceeds = rows.stream().filter(r -> r.verdict() == Verdict.EXCEEDS_EPS).count();
        long unknown = rows.size() - within - exceeds;
        double total = rows.stream().mapToDouble(Row::seconds).sum();
        double[] sorted = rows.stream().mapToDouble(Row::seconds).sorted().toArray();
        double median = sorted.length == 0 ? 0 : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        out.printf(Locale.ROOT, "ACAS Xu original vs float16, eps = %s, limit %s per instance, %d cores%n", eps,
                limits(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "  decided %d/%d (within %d, exceeds %d), unknown %d%n", within + exceeds, rows.size(),
                within, exceeds, unknown);
        out.printf(Locale.ROOT, "  time: total %.1f s, median %.2f s (cpu time of all cores: %.1f s)%n", total, median,
                rows.stream().mapToDouble(Row::cpuSeconds).sum());
        if (check) {
            out.printf(Locale.ROOT, "  certificates re-checked: all hold, in %.1f s%n",
                    rows.stream().mapToDouble(Row::checkSeconds).sum());
        }
        out.println("  slowest:");
        rows.stream().sorted(Comparator.comparingDouble(Row::seconds).reversed()).limit(10)
                .forEach(r -> out.printf(Locale.ROOT, "    property %-3s %-30s %-11s %8.2f s %9d boxes%n", r.property(),
                        r.network(), r.verdict(), r.seconds(), r.boxes()));
        out.flush();
    }

    /** The per-instance limits, as the summary states them. */
    private String limits() {
        String wall = Double.isInfinite(limit) ? null : limit + " s";
        String cpu = Double.isInfinite(cpuLimit) ? null : cpuLimit + " s of CPU";
        return wall == null ? cpu : cpu == null ? wall : wall + " and " + cpu;
    }

    List<String[]> instances() {
        Path csv = dir.resolve("instances.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new NetworkFormatException(csv + ": cannot read (" + e.getMessage() + ")");
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",");
            if (f.length != 4) {
                throw new NetworkFormatException(csv + ": line " + (i + 1) + ": expected property,network,original,float16");
            }
            out.add(f);
        }
        return out;
    }

    Map<String, double[][]> properties() {
        Path json = dir.resolve("properties.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new NetworkFormatException(json + ": cannot read (" + e.getMessage() + ")");
        }
        Map<String, double[][]> out = new java.util.HashMap<>();
        root.path("properties").fields().forEachRemaining(p -> {
            double[][] box = new double[2][];
            int i = 0;
            for (String side : List.of("lower", "upper")) {
                JsonNode arr = p.getValue().path(side);
                box[i] = new double[arr.size()];
                for (int j = 0; j < arr.size(); j++) {
                    box[i][j] = arr.get(j).asDouble();
                }
                i++;
            }
            out.put(p.getKey(), box);
        });
        return out;
    }
}
