package org.nnid.dedup;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nnid.equiv.Checker;
import org.nnid.equiv.Question;
import org.nnid.equiv.Verdict;
import org.nnid.net.Network;

/**
 * Confirms one candidate bucket with the checker, so that no group rests on a hash alone. The
 * first file (by name) is the representative; every other file is checked once against it, and
 * those proved EQUIVALENT form its group. The rest are split off and bucketed again the same way
 * (they may be copies of each other). With --eps, the representatives of the groups so formed
 * (singletons too) are then checked for closeness against the first of them: those proved
 * WITHIN_EPS, with their groups, form a "same up to ε" group.
 *
 * <p>Only two networks are held at a time (the representative and the member being checked), so
 * a large bucket does not need a large heap.
 */
public final class GroupConfirmation {
    /**
     * Points of the checker's witness search per check. A bucket's members are mostly copies, where
     * the search cannot succeed and its high-precision attempts cost more than the exact canonical
     * forms that prove equality; near misses are refuted by the cheap proofs the checker tries first
     * when forms come first (the theorem, exact evaluation), or by its exact steps.
     */
    static final int WITNESS_POINTS = Integer.getInteger("nnid.dedup.points", 1);

    private final Path dir;
    private final NetworkLoader loader;
    private final Checker.Options exact;
    private final Optional<Checker.Options> close;

    /** What one bucket gave (serializable: a distributed run confirms buckets on other machines). */
    public record Outcome(List<DedupReport.Group> groups, List<DedupReport.Group> epsGroups,
            List<DedupReport.Split> splits, long checks) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Outcome {
            groups = List.copyOf(groups);
            epsGroups = List.copyOf(epsGroups);
            splits = List.copyOf(splits);
        }
    }

    /** Milliseconds per checker stage over every check of the run: where confirming spends its time. */
    final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> stageMillis =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** @param dir the folder the fingerprints' names are relative to */
    GroupConfirmation(Path dir, NetworkLoader loader, Checker.Options base, Optional<Double> eps) {
        this.dir = dir;
        this.loader = loader;
        // On all of R^n: a group's files may replace each other wherever they are used. The closeness
        // finding (tolerance) is never a route to EQUIVALENT and costs two canonical forms in double.
        Checker.Options common = base.onAllOfRn().withTolerance(0).withSearch(1, WITNESS_POINTS);
        // files in one bucket share a canonical hash: prove first, refute after
        this.exact = common.withQuestion(Question.exact()).withFormsFirst();
        this.close = eps.map(e -> common.withQuestion(new Question.Closeness(e)));
    }

    private record Placed(int index, String proof) {}

    /** @param bucket the files of one bucket, by name */
    Outcome confirm(List<Fingerprint> bucket) {
        Fingerprint[] prints = bucket.toArray(Fingerprint[]::new);
        List<List<Placed>> classes = new ArrayList<>();
        List<DedupReport.Split> splits = new ArrayList<>();
        long checks = 0;
        List<Integer> remaining = java.util.stream.IntStream.range(0, prints.length).boxed().toList();
        while (!remaining.isEmpty()) {
            int rep = remaining.get(0);
            List<Placed> members = new ArrayList<>(List.of(new Placed(rep, "representative")));
            List<Integer> rest = new ArrayList<>();
            Optional<Network> repNet = load(prints, rep, splits, 0);
            Checker.FormMemo memo = new Checker.FormMemo(); // the representative's exact form, once per round
            for (int m : remaining.subList(1, remaining.size())) {
                if (repNet.isEmpty()) {
                    rest.add(m);
                    continue;
                }
                Optional<Network> net = load(prints, m, splits, rep);
                if (net.isEmpty()) {
                    continue;
                }
                checks++;
                Checked c = check(repNet.get(), net.get(), exact, memo);
                if (c.verdict() == Verdict.EQUIVALENT) {
                    members.add(new Placed(m, c.words()));
                } else {
                    rest.add(m);
                    splits.add(new DedupReport.Split(prints[m].name(), prints[rep].name(), c.verdict().name(), c.reason()));
                }
            }
            if (repNet.isPresent()) {
                classes.add(members);
            }
            remaining = rest;
        }
        List<DedupReport.Group> groups = new ArrayList<>();
        for (List<Placed> c : classes) {
            if (c.size() > 1) {
                groups.add(group(prints, c));
            }
        }
        List<DedupReport.Group> epsGroups = new ArrayList<>();
        if (close.isPresent()) {
            checks += closeness(prints, classes, epsGroups, splits);
        }
        return new Outcome(groups, epsGroups, splits, checks);
    }

    /** Groups the classes whose representatives are proved WITHIN_EPS of the first remaining one. */
    private long closeness(Fingerprint[] prints, List<List<Placed>> classes, List<DedupReport.Group> epsGroups, List<DedupReport.Split> splits) {
        long checks = 0;
        List<List<Placed>> remaining = classes;
        while (remaining.size() > 1) {
            List<Placed> first = remaining.get(0);
            int rep = first.get(0).index();
            Optional<Network> repNet = load(prints, rep, splits, rep);
            if (repNet.isEmpty()) {
                remaining = remaining.subList(1, remaining.size());
                continue;
            }
            List<Placed> joined = new ArrayList<>(first);
            Checker.FormMemo memo = new Checker.FormMemo();
            List<List<Placed>> rest = new ArrayList<>();
            for (List<Placed> other : remaining.subList(1, remaining.size())) {
                int o = other.get(0).index();
                Optional<Network> net = load(prints, o, splits, rep);
                if (net.isEmpty()) {
                    continue;
                }
                checks++;
                Checked c = check(repNet.get(), net.get(), close.get(), memo);
                if (c.verdict() == Verdict.WITHIN_EPS) {
                    joined.add(new Placed(o, c.words()));
                    for (Placed p : other.subList(1, other.size())) {
                        joined.add(new Placed(p.index(), "EQUIVALENT to " + prints[o].name() + " (above)"));
                    }
                } else {
                    rest.add(other);
                }
            }
            if (joined.size() > first.size()) {
                epsGroups.add(group(prints, joined));
            }
            remaining = rest;
        }
        return checks;
    }

    private static DedupReport.Group group(Fingerprint[] prints, List<Placed> members) {
        List<DedupReport.Member> ms = new ArrayList<>();
        long saved = 0;
        for (Placed p : members) {
            Fingerprint f = prints[p.index()];
            ms.add(new DedupReport.Member(f.name(), f.bytes(), p.proof()));
            saved += ms.size() > 1 ? f.bytes() : 0;
        }
        Fingerprint rep = prints[members.get(0).index()];
        return new DedupReport.Group(rep.name(), rep.hash(), ms, saved);
    }

    /** The network of a file read a second time; a file that changed since it was hashed is split off. */
    private Optional<Network> load(Fingerprint[] prints, int index, List<DedupReport.Split> splits, int rep) {
        Fingerprint f = prints[index];
        try {
            return Optional.of(loader.read(dir.resolve(f.name()), f.name()));
        } catch (NetworkLoader.Unreadable e) {
            splits.add(new DedupReport.Split(f.name(), prints[rep].name(), "UNREADABLE",
                    "could not be read again: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private record Checked(Verdict verdict, String words, String reason) {}

    private Checked check(Network a, Network b, Checker.Options options, Checker.FormMemo memoOfA) {
        try {
            Checker.Result r = Checker.check(a, b, options, memoOfA);
            r.timings().forEach((stage, ms) -> stageMillis.computeIfAbsent(stage,
                    k -> new java.util.concurrent.atomic.LongAdder()).add(ms));
            String reason = oneLine(r.reason());
            return new Checked(r.verdict(), r.verdict() + " (" + r.qualifier().word() + "): " + reason, reason);
        } catch (IllegalArgumentException e) {
            return new Checked(Verdict.UNKNOWN, "", "not comparable: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s;
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
