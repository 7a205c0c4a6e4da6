package org.nnid.equiv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.nnid.io.NetworkFiles;
import org.nnid.io.NetworkFormatException;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.rewrite.Certificate;
import org.nnid.rewrite.Replay;
import org.nnid.rewrite.Rewriter;
import org.nnid.registry.TheoryRegistry;

/**
 * Re-verifies a folder of worked claims ({@code proofs-examples/}), file by file:
 * <ul>
 *   <li>{@code *.verdict.json}: the evidence re-checks ({@link EvidenceChecker}); the networks it
 *       names ({@code a_source}, {@code b_source}) are the networks it embeds; and the checker,
 *       run again today, reaches the same verdict with the same qualifier;</li>
 *   <li>{@code X.certificate.json}: replays on {@code X.json};</li>
 *   <li>{@code X.canonical.json}: is byte for byte the canonical form of {@code X.json} today.</li>
 * </ul>
 */
public final class ProofsExamples {

    /** One file's outcome. */
    public record Check(Path file, boolean ok, String message) {}

    private ProofsExamples() {}

    public static List<Check> verify(Path root, TheoryRegistry registry, Consumer<String> progress) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list the folder", e);
        }
        List<Check> checks = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Optional<Check> c;
            try {
                if (name.endsWith(".verdict.json")) {
                    progress.accept(f.toString());
                    c = Optional.of(verdict(f, registry));
                } else if (name.endsWith(".certificate.json")) {
                    c = Optional.of(certificate(f, sibling(f, ".certificate.json"), registry));
                } else if (name.endsWith(".canonical.json")) {
                    c = Optional.of(canonical(f, sibling(f, ".canonical.json"), registry));
                } else {
                    c = Optional.empty();
                }
            } catch (NetworkFormatException | IllegalArgumentException | UncheckedIOException e) {
                c = Optional.of(new Check(f, false, e.getMessage()));
            }
            c.ifPresent(checks::add);
        }
        return checks;
    }

    private static Path sibling(Path f, String suffix) {
        String name = f.getFileName().toString();
        return f.resolveSibling(name.substring(0, name.length() - suffix.length()) + ".json");
    }

    private static Check verdict(Path f, TheoryRegistry registry) {
        VerdictFile.Saved saved = VerdictFile.parse(read(f), f.toString(), registry::parseNetwork);
        EvidenceChecker.Report report = EvidenceChecker.check(saved, registry);
        if (!report.holds()) {
            return new Check(f, false, "evidence fails: " + String.join("; ", report.lines()));
        }
        Optional<String> mismatch = mismatch(f, saved.sourceA(), saved.a(), "A", registry)
                .or(() -> mismatch(f, saved.sourceB(), saved.b(), "B", registry));
        if (mismatch.isPresent()) {
            return new Check(f, false, mismatch.get());
        }
        boolean symbolic = saved.evidence().stream().anyMatch(e -> e instanceof Evidence.Symbolic);
        Checker.Options o = Checker.Options.defaults().withRegistry(registry).withTolerance(saved.tolerance())
                .withSymbolic(symbolic).withQuestion(saved.question());
        o = saved.box().map(o::withBox).orElse(o.onAllOfRn());
        Checker.Result again = Checker.check(saved.a(), saved.b(), o);
        if (again.verdict() != saved.verdict() || again.qualifier() != saved.qualifier()) {
            return new Check(f, false, "claims " + saved.verdict() + " (" + saved.qualifier() + "), the checker now says "
                    + again.verdict() + " (" + again.qualifier() + ")");
        }
        return new Check(f, true, saved.verdict() + " (" + saved.qualifier() + "): evidence holds and the checker agrees");
    }

    /** Why the embedded network is not the one in the named file, if it is not. */
    private static Optional<String> mismatch(Path f, Optional<String> source, Network embedded, String label,
            TheoryRegistry registry) {
        if (source.isEmpty() || read(f.resolveSibling(source.get()), registry).equals(embedded)) {
            return Optional.empty();
        }
        return Optional.of(label + " is not the network in " + source.get());
    }

    /** JSON through the registry (users' theories), other formats through their readers. */
    private static Network read(Path file, TheoryRegistry registry) {
        return file.getFileName().toString().endsWith(".json") ? registry.readNetwork(file) : NetworkFiles.read(file);
    }

    private static Check certificate(Path f, Path netFile, TheoryRegistry registry) {
        Network net = registry.readNetwork(netFile);
        Certificate cert = Certificate.parse(read(f), f.toString(), registry::parseNetwork);
        Replay.Outcome o = Replay.check(net, cert, TheoryFacts.of(net, registry).rules());
        return new Check(f, o.valid(), (o.valid() ? "replays on " : "does not replay on ") + netFile.getFileName()
                + ": " + o.message());
    }

    private static Check canonical(Path f, Path netFile, TheoryRegistry registry) {
        Network net = registry.readNetwork(netFile);
        TheoryFacts facts = TheoryFacts.of(net, registry);
        String today = NetworkJson.write(Rewriter.canonicalise(net, facts.theory()).network());
        boolean same = today.equals(read(f));
        return new Check(f, same, same ? "is the canonical form of " + netFile.getFileName()
                : "differs from the canonical form of " + netFile.getFileName() + " computed today");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot read", e);
        }
    }
}
