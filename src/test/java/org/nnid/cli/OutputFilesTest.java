package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22: no command replaces a file it did not create unless --force; unreadable inputs say what they are. */
class OutputFilesTest {
    @TempDir
    Path dir;
    private Path net;

    @BeforeEach
    void network() throws IOException {
        net = dir.resolve("a.json");
        Files.writeString(net, "{\"format\": \"nnid-network/1\", \"activation\": \"tanh\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[1], [2]], \"bias\": [\"1/2\", -1]}, {\"weights\": [[3, -1]], \"bias\": [0]}]}");
    }

    @Test
    void orbitRefusesToReplaceAUsersFileNamingItAndReplacesItWithForce() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path mine = out.resolve("orbit-2.json");
        Files.writeString(mine, "mine");
        MainTest.Run r = MainTest.run("orbit", net.toString(), "--sample", "3", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("orbit-2.json") && r.err().contains("--force"), r.err());
        assertEquals("mine", Files.readString(mine));
        assertEquals(0, MainTest.run("orbit", net.toString(), "--sample", "3", "--out", out.toString(), "--force").code());
        assertTrue(Files.readString(mine).contains("nnid-network/1"));
    }

    @Test
    void everyWritingCommandRefusesAnExistingFile() throws IOException {
        Path existing = dir.resolve("existing.json");
        Files.writeString(existing, "mine");
        String[][] commands = {
            {"canon", net.toString(), "--out", existing.toString()},
            {"canon", net.toString(), "--certificate", existing.toString()},
            {"reduce", net.toString(), "--out", existing.toString()},
            {"equiv", net.toString(), net.toString(), "--evidence", existing.toString()},
            {"convert", net.toString(), existing.toString()},
            {"dedup", dir.resolve("none").toString(), "--out", existing.toString()},
        };
        for (String[] c : commands) {
            MainTest.Run r = MainTest.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals("mine", Files.readString(existing), String.join(" ", c));
        }
        assertEquals(0, MainTest.run("canon", net.toString(), "--out", existing.toString(), "--force").code());
        assertTrue(Files.readString(existing).contains("nnid-network/1"));
    }

    @Test
    void aDirectoryOrABinaryFileIsNamedForWhatItIs() throws IOException {
        Path sub = dir.resolve("sub");
        Files.createDirectories(sub);
        MainTest.Run d = MainTest.run("eval", sub.toString(), "--at", "1");
        assertEquals(2, d.code());
        assertTrue(d.err().contains("is a directory"), d.err());
        Path binary = dir.resolve("cert.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        MainTest.Run c = MainTest.run("replay", net.toString(), binary.toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("not a text file"), c.err());
        MainTest.Run e = MainTest.run("check-evidence", binary.toString());
        assertEquals(2, e.code());
        assertTrue(e.err().contains("not a text file"), e.err());
    }
}
