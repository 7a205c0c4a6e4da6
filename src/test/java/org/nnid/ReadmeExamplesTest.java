package org.nnid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The README's Java examples compile against nnid, and its jqwik properties hold on generated
 * samples: users copy them, so they must stay true (issue 9).
 */
class ReadmeExamplesTest {
    private static final String IMPORTS = """
            import static org.junit.jupiter.api.Assertions.*;
            import java.nio.file.*;
            import java.util.*;
            import java.util.stream.*;
            import net.jqwik.api.*;
            import org.nnid.io.*;
            import org.nnid.net.*;
            import org.nnid.scalar.*;
            import org.nnid.symbolic.*;
            import org.nnid.testing.*;
            """;

    @TempDir
    Path dir;

    /**
     * A block that declares a class is compiled as it is (it must be copyable with its imports);
     * a block of methods becomes a class body and a block of statements a method body, both with
     * the imports the README's prose names.
     */
    static List<String> compilationUnits(String readme) {
        List<String> units = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int n = 0;
        while (m.find()) {
            String block = m.group(1);
            String name = "ReadmeExample" + (++n);
            if (block.contains("class ")) {
                units.add(block);
            } else if (block.contains("@Provide")) {
                units.add(IMPORTS + "class " + name + " {\n" + block + "}\n");
            } else {
                units.add(IMPORTS + "class " + name + " {\n void example() throws Exception {\n" + block + "}\n}\n");
            }
        }
        return units;
    }

    @Test
    void everyJavaBlockOfTheReadmeCompilesAndItsPropertiesHoldOnSamples() throws Exception {
        List<String> units = compilationUnits(Files.readString(Path.of("README.md")));
        assertTrue(units.size() >= 3, "expected the README's Java examples, found " + units.size());
        List<String> files = new ArrayList<>();
        for (String unit : units) {
            Matcher c = Pattern.compile("class (\\w+)").matcher(unit);
            assertTrue(c.find());
            Path f = dir.resolve(c.group(1) + ".java");
            Files.writeString(f, unit);
            files.add(f.toString());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath(),
                "-proc:none"));
        args.addAll(files);
        int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, status, () -> "README examples do not compile:\n" + diagnostics);

        int ran = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            for (String unit : units) {
                Matcher c = Pattern.compile("class (\\w+)").matcher(unit);
                c.find();
                ran += runProperties(loader.loadClass(c.group(1)));
            }
        }
        assertNotEquals(0, ran, "no README property was run");
    }

    /** Runs each jqwik property of the class on three samples of its provider; returns how many ran. */
    private static int runProperties(Class<?> type) throws Exception {
        int ran = 0;
        for (Method property : type.getDeclaredMethods()) {
            if (!property.isAnnotationPresent(Property.class)) {
                continue;
            }
            Parameter p = property.getParameters()[0];
            String provider = p.getAnnotation(ForAll.class).value();
            property.setAccessible(true);
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            Object instance = ctor.newInstance();
            Arbitrary<?> arbitrary;
            if (provider.isEmpty()) { // @ForAll without a name: jqwik's default providers, nnid's among them
                arbitrary = Arbitraries.defaultFor(p.getType());
            } else {
                Method provide = type.getDeclaredMethod(provider);
                provide.setAccessible(true);
                arbitrary = (Arbitrary<?>) provide.invoke(instance);
            }
            for (Object sample : arbitrary.sampleStream().limit(3).toList()) {
                Object result = property.invoke(instance, sample);
                if (result instanceof Boolean b) {
                    assertEquals(true, b, type.getSimpleName() + "." + property.getName() + " is false for " + sample);
                }
            }
            ran++;
        }
        return ran;
    }

    /** The test class path (surefire passes it in a property when it uses a manifest-only jar). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
