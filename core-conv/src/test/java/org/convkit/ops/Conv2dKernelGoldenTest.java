package org.convkit.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Both kernels against golden values computed with PyTorch in float64
 * (src/test/python/conv_golden.py): stride, asymmetric padding, dilation, depthwise groups,
 * width-spanning and pointwise kernels; forward, backward-data and backward-weights.
 */
class Conv2dKernelGoldenTest {

    static Stream<Arguments> cases() throws IOException {
        JsonNode root;
        try (InputStream in = Conv2dKernelGoldenTest.class.getResourceAsStream("/golden/conv2d.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<Arguments> args = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            args.add(Arguments.of(c.get("name").asText(), c, new ReferenceConv2dKernel()));
            args.add(Arguments.of(c.get("name").asText(), c, new Im2colConv2dKernel()));
        }
        return args.stream();
    }

    private static float[] fill(int n, java.util.function.IntToDoubleFunction f) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) f.applyAsDouble(i);
        return a;
    }

    private static void assertClose(JsonNode expected, float[] actual, int offset, String what) {
        assertEquals(expected.size(), actual.length - offset, what + " length");
        double scale = 0;
        for (JsonNode v : expected) scale = Math.max(scale, Math.abs(v.asDouble()));
        // float32 sums of up to ~100 products of O(1) values: relative error well under 1e-5 of the largest value
        double tol = 1e-5 * Math.max(1, scale);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).asDouble(), actual[offset + i], tol, what + "[" + i + "]");
        }
    }

    @ParameterizedTest(name = "{0} with {2}")
    @MethodSource("cases")
    void matchesPyTorch(String name, JsonNode c, Conv2dKernel kernel) {
        JsonNode pad = c.get("pad");
        ConvGeometry g = new ConvGeometry(c.get("cin").asInt(), c.get("h").asInt(), c.get("w").asInt(),
                c.get("cout").asInt(), c.get("kh").asInt(), c.get("kw").asInt(), c.get("sh").asInt(), c.get("sw").asInt(),
                pad.get(0).asInt(), pad.get(1).asInt(), pad.get(2).asInt(), pad.get(3).asInt(),
                c.get("dil_h").asInt(), c.get("dil_w").asInt(), c.get("groups").asInt());
        JsonNode shape = c.get("out_shape");
        assertEquals(shape.get(0).asInt(), g.outChannels());
        assertEquals(shape.get(1).asInt(), g.outH());
        assertEquals(shape.get(2).asInt(), g.outW());
        boolean bias = c.get("bias").asBoolean();
        // Place the example at an offset inside larger buffers, as a batch would.
        int off = 3;
        float[] x = new float[off + g.inSize()];
        System.arraycopy(fill(g.inSize(), i -> Math.sin(0.37 * i + 0.1)), 0, x, off, g.inSize());
        float[] w = fill(g.weightSize(), i -> Math.cos(0.91 * i));
        float[] b = bias ? fill(g.outChannels(), i -> 0.1 * i - 0.2) : null;
        float[] dy = new float[off + g.outSize()];
        System.arraycopy(fill(g.outSize(), i -> Math.sin(0.13 * i + 0.5)), 0, dy, off, g.outSize());
        Workspace ws = new Workspace();

        float[] y = new float[off + g.outSize()];
        kernel.forward(g, x, off, w, b, y, off, ws);
        assertClose(c.get("y"), y, off, name + " y");

        float[] dx = new float[off + g.inSize()];
        java.util.Arrays.fill(dx, 123f); // must be overwritten
        kernel.backwardData(g, dy, off, w, dx, off, ws);
        assertClose(c.get("dx"), dx, off, name + " dx");

        float[] dw = new float[off + g.weightSize()];
        float[] db = bias ? new float[off + g.outChannels()] : null;
        kernel.backwardWeights(g, x, off, dy, off, dw, off, db, off, ws);
        assertClose(c.get("dw"), dw, off, name + " dw");
        if (bias) assertClose(c.get("db"), db, off, name + " db");
    }
}
