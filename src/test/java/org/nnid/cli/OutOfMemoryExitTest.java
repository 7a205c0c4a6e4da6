package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: running out of memory is reported as such, with the internal-error code 4, never a
 * verdict code (the JVM's own code for an uncaught error is 1, "not equivalent"). A JVM with an
 * 8 MB heap reading a 1.7 MB ONNX network runs out of memory for certain.
 */
class OutOfMemoryExitTest {
    @Test
    void aCommandThatRunsOutOfMemoryExitsFourSayingSo() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx8m", "-cp", System.getProperty("java.class.path"),
                "org.nnid.cli.Main", "hash", "examples/networks/mnist_relu_9_200.onnx")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the JVM did not end");
        assertEquals(ExitCode.INTERNAL, p.exitValue(), err);
        assertTrue(ProgressLines.without(err).strip().startsWith("nnid: out of memory"), err);
    }
}
