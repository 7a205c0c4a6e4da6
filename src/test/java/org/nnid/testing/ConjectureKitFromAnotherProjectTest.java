package org.nnid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's conjecture kit, used as a new user would (issue 16): nnid installed with
 * {@code mvn install}, the README's {@code pom.xml} and {@code TanhConjectures} copied as they
 * stand into an empty project, and {@code mvn test} run there. Slow (two Maven builds), so tagged
 * "long": {@code mvn -Plong-tests test}, which .ci/run runs. Maven runs offline first, and
 * online (Maven Central) only if something is missing from the local repository.
 */
@Tag("long")
class ConjectureKitFromAnotherProjectTest {
    private static final long MINUTES = 20;

    @TempDir
    Path scratch;

    @Test
    void theReadmesPomAndPropertyRunAgainstTheInstalledArtifact() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        String readme = Files.readString(project.resolve("README.md"));
        String pom = block(readme, "xml", "<artifactId>my-conjectures</artifactId>");
        String conjectures = block(readme, "java", "class TanhConjectures");
        assertTrue(pom.contains("<version>" + projectVersion(project) + "</version>"),
                "the README's pom does not name nnid's version " + projectVersion(project));

        maven(project, List.of("install", "-Dmaven.test.skip=true", "-DbuildDir=target-kit-install"),
                scratch.resolve("install.log"));

        Path user = Files.createDirectories(scratch.resolve("my-conjectures"));
        Files.writeString(user.resolve("pom.xml"), pom);
        Path tests = Files.createDirectories(user.resolve("src/test/java"));
        Files.writeString(tests.resolve("TanhConjectures.java"), conjectures);
        maven(user, List.of("test"), scratch.resolve("test.log"));

        Path report = user.resolve("target/surefire-reports/TEST-TanhConjectures.xml");
        assertTrue(Files.exists(report), "Surefire ran no TanhConjectures:\n" + tail(scratch.resolve("test.log")));
        String xml = Files.readString(report);
        assertEquals("3", attribute(xml, "tests"), "the README's three properties did not all run");
        assertEquals("0", attribute(xml, "failures"));
        assertEquals("0", attribute(xml, "errors"));
        assertEquals("0", attribute(xml, "skipped"));
    }

    /** Runs Maven offline, and again online if the offline run fails; fails the test if both do. */
    private static void maven(Path dir, List<String> goals, Path log) throws IOException, InterruptedException {
        if (run(dir, goals, true, log) != 0 && run(dir, goals, false, log) != 0) {
            throw new AssertionError("mvn " + String.join(" ", goals) + " failed in " + dir + ":\n" + tail(log));
        }
    }

    private static int run(Path dir, List<String> goals, boolean offline, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(goals);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " took more than " + MINUTES + " minutes");
        }
        return p.exitValue();
    }

    /** The README's fenced block of this language that contains {@code marker}. */
    private static String block(String readme, String language, String marker) {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                return m.group(1);
            }
        }
        throw new AssertionError("the README has no " + language + " block with " + marker);
    }

    /** The project's own version: the first {@code <version>} after its artifactId in pom.xml. */
    private static String projectVersion(Path project) throws IOException {
        String pom = Files.readString(project.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>nnid</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "no version in pom.xml");
        return m.group(1);
    }

    private static String attribute(String xml, String name) {
        Matcher m = Pattern.compile("<testsuite[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(xml);
        assertTrue(m.find(), "no " + name + " in the Surefire report");
        return m.group(1);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
