package org.nnid.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of nnid that is running and the commit it was built from, as the build wrote them;
 * {@code nnid -V} prints them and saved verdicts record them.
 */
public final class NnidVersion {
    private static final Properties BUILD = read();

    private NnidVersion() {}

    /** The version and commit, e.g. "0.1.0-SNAPSHOT (commit 08b4a4f2e8c9)". */
    public static String get() {
        return BUILD.getProperty("version", "development") + " (commit " + BUILD.getProperty("commit", "unknown") + ")";
    }

    private static Properties read() {
        try (InputStream in = NnidVersion.class.getResourceAsStream("/org/nnid/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p;
        } catch (IOException e) {
            return new Properties();
        }
    }
}
