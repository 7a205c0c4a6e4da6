package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22: a safetensors network (no recorded activation) meets a JSON one in equiv and diff. */
class MixedFormatsTest {
    @TempDir
    Path dir;
    private Path tensors;
    private Path json;

    @BeforeEach
    void files() throws IOException {
        String header = "{\"fc1.weight\":{\"dtype\":\"F64\",\"shape\":[2,1],\"data_offsets\":[0,16]},"
                + "\"fc1.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,32]},"
                + "\"fc2.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[32,48]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] data = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2).putDouble(0.25)
                .putDouble(-0.5).putDouble(1).putDouble(-2).array();
        tensors = dir.resolve("m.safetensors");
        Files.write(tensors, ByteBuffer.allocate(8 + h.length + 48).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length)
                .put(h).put(data).array());
        json = dir.resolve("m.json");
        Files.writeString(json, "{\"format\": \"nnid-network/1\", \"activation\": \"tanh\", \"inputs\": 1, \"layers\": ["
                + "{\"weights\": [[1.5], [-2]], \"bias\": [0.25, -0.5]}, {\"weights\": [[1, -2]], \"bias\": [0]}]}");
    }

    @Test
    void theActivationOptionAppliesOnlyToTheFormatThatRecordsNone() {
        MainTest.Run r = MainTest.run("equiv", tensors.toString(), json.toString(), "--activation", "tanh");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("EQUIVALENT"), r.out());
        MainTest.Run d = MainTest.run("diff", json.toString(), tensors.toString(), "--activation", "tanh");
        assertEquals(0, d.code(), d.out() + d.err());
    }

    @Test
    void aFileCanNameItsOwnActivation() {
        MainTest.Run r = MainTest.run("equiv", json.toString(), tensors + ":tanh");
        assertEquals(0, r.code(), r.out() + r.err());
        MainTest.Run other = MainTest.run("equiv", json.toString(), tensors + ":logistic");
        assertEquals(1, other.code(), other.out() + other.err());
    }

    @Test
    void aFileThatRecordsItsActivationCannotBeGivenAnother() {
        MainTest.Run r = MainTest.run("equiv", json + ":relu", tensors + ":tanh");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("records its activation"), r.err());
    }

    @Test
    void withoutAnyActivationTheSafetensorsFileIsRefusedNamingTheWayOut() {
        MainTest.Run r = MainTest.run("equiv", tensors.toString(), json.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--activation"), r.err());
    }
}
