package org.nnid.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nnid.net.Layer;
import org.nnid.net.Network;
import org.nnid.activation.Activation;

/**
 * Reads a PyTorch MLP saved as safetensors: an 8-byte little-endian header length, a JSON header
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}}}, then the raw tensors. The
 * file does not record the activation, so the caller names it.
 *
 * <p>The layers come from the tensor names: every tensor is {@code PREFIX.weight} (shape
 * [out, in]) or {@code PREFIX.bias} (shape [out]; absent means zero), and the prefixes differ only
 * in one integer, which orders them: {@code 0, 2, 4} (nn.Sequential), {@code fc1, fc2},
 * {@code layers.0, layers.2}, {@code net.0, net.2}. Each layer's input size must be the previous
 * one's output size. Anything else (another tensor, two numbered parts, {@code hidden} and
 * {@code out}) is refused, naming the tensor, because the order of the layers cannot be inferred.
 * F64, F32, F16 and BF16 values are doubles exactly.
 */
public final class SafetensorsReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("(.*)\\.(weight|bias)");
    private static final Pattern NUMBERED = Pattern.compile("(\\D*?)(\\d+)(\\D*)");

    private SafetensorsReader() {}

    public static Network read(Path file, Activation activation) {
        String source = file.toString();
        byte[] bytes = NetworkFiles.readBytes(file);
        return read(bytes, source, activation);
    }

    /** A tensor of the header: its name, shape and entries. */
    private record Tensor(String name, long[] shape, double[] data) {}

    public static Network read(byte[] bytes, String source, Activation activation) {
        if (bytes.length < 8) {
            throw new NetworkFormatException(source, "", "too short for a safetensors file");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw new NetworkFormatException(source, "header", "header length " + headerLength
                    + " does not fit the file of " + bytes.length + " bytes (not a safetensors file?)");
        }
        JsonNode header;
        try {
            header = MAPPER.readTree(new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new NetworkFormatException(source, "header", "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new NetworkFormatException(source, "header", "expected a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        // prefix -> {weight, bias}, ordered by the number in the prefix
        TreeMap<Long, Tensor[]> layers = new TreeMap<>();
        String shape = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            Matcher n = m.matches() ? NUMBERED.matcher(m.group(1)) : null;
            if (n == null || !n.matches()) {
                throw new NetworkFormatException(source, "tensor '" + name + "'", "is not the weight or bias of a"
                        + " numbered linear layer (expected names such as 0.weight, fc1.weight, layers.0.bias):"
                        + " cannot infer the layer structure");
            }
            String skeleton = n.group(1) + "#" + n.group(3);
            if (shape != null && !shape.equals(skeleton)) {
                throw new NetworkFormatException(source, "tensor '" + name + "'", "its layer name does not follow the"
                        + " pattern '" + shape + "' of the others: cannot infer the order of the layers");
            }
            shape = skeleton;
            Tensor t = tensor(name, e.getValue(), bytes, dataStart, source);
            Tensor[] pair = layers.computeIfAbsent(Long.parseLong(n.group(2)), k -> new Tensor[2]);
            pair[m.group(2).equals("weight") ? 0 : 1] = t;
        }
        if (layers.isEmpty()) {
            throw new NetworkFormatException(source, "header", "no tensors: cannot infer the layer structure");
        }
        List<Layer> result = new ArrayList<>();
        int width = -1;
        int inputs = -1;
        for (Tensor[] pair : layers.values()) {
            Tensor w = pair[0];
            Tensor b = pair[1];
            if (w == null) {
                throw new NetworkFormatException(source, "tensor '" + b.name() + "'", "a bias without a weight");
            }
            if (w.shape().length != 2) {
                throw new NetworkFormatException(source, "tensor '" + w.name() + "'", "expected a 2-D weight [out, in],"
                        + " found shape " + java.util.Arrays.toString(w.shape()));
            }
            int rows = (int) w.shape()[0];
            int cols = (int) w.shape()[1];
            if (width >= 0 && cols != width) {
                throw new NetworkFormatException(source, "tensor '" + w.name() + "'", "has " + cols
                        + " inputs but the layer before it has " + width + " outputs");
            }
            if (b != null && (b.shape().length != 1 || b.shape()[0] != rows)) {
                throw new NetworkFormatException(source, "tensor '" + b.name() + "'", "expected shape [" + rows
                        + "], found " + java.util.Arrays.toString(b.shape()));
            }
            inputs = inputs < 0 ? cols : inputs;
            result.add(Layer.of(rows, cols, w.data(), b == null ? new double[rows] : b.data()));
            width = rows;
        }
        return Network.layered(activation, inputs, result, false);
    }

    private static Tensor tensor(String name, JsonNode info, byte[] bytes, int dataStart, String source) {
        String where = "tensor '" + name + "'";
        JsonNode dtype = info.get("dtype");
        JsonNode shapeNode = info.get("shape");
        JsonNode offsets = info.get("data_offsets");
        if (dtype == null || shapeNode == null || offsets == null || !shapeNode.isArray() || offsets.size() != 2) {
            throw new NetworkFormatException(source, where, "expected dtype, shape and data_offsets [begin, end]");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new NetworkFormatException(source, where, "shape entry " + i + " is " + d
                        + ", not a size (an integer >= 0)");
            }
            shape[i] = d.asLong();
            // the file holds the entries, so no honest shape has more of them than the file has bytes
            count = count > bytes.length || shape[i] > bytes.length ? bytes.length + 1L : count * shape[i];
        }
        if (count > bytes.length) {
            throw new NetworkFormatException(source, where, "shape " + shapeNode + " announces more entries than the"
                    + " file of " + bytes.length + " bytes holds");
        }
        int size = switch (dtype.asText()) {
            case "F64" -> 8;
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new NetworkFormatException(source, where, "dtype " + dtype.asText()
                    + " is not supported (F64, F32, F16, BF16)");
        };
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > bytes.length - dataStart || end - begin != count * size) {
            throw new NetworkFormatException(source, where, "data_offsets [" + begin + ", " + end + "] do not hold "
                    + count + " " + dtype.asText() + " values inside the file");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        double[] data = new double[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (size) {
                case 8 -> buf.getDouble();
                case 4 -> buf.getFloat();
                default -> dtype.asText().equals("BF16") ? Float.intBitsToFloat((buf.getShort() & 0xffff) << 16)
                        : halfToDouble(buf.getShort());
            };
            if (!Double.isFinite(data[i])) {
                throw new NetworkFormatException(source, where, "entry " + i + " is " + data[i]
                        + " (weights must be finite)");
            }
        }
        return new Tensor(name, shape, data);
    }

    /** IEEE 754 binary16 to double, exactly. */
    static double halfToDouble(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb((double) mantissa, -24);
        }
        return sign * Math.scalb((double) (mantissa | 0x400), exponent - 25);
    }
}
