package org.nnid.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of nnid that is running, as the build wrote it; saved verdicts record it. */
public final class NnidVersion {
    private static final String VERSION = read();

    private NnidVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = NnidVersion.class.getResourceAsStream("/org/nnid/version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
