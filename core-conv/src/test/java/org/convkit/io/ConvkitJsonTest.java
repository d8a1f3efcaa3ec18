package org.convkit.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.convkit.nn.Add;
import org.convkit.nn.AvgPool2d;
import org.convkit.nn.BatchNorm2d;
import org.convkit.nn.BinaryCrossEntropy;
import org.convkit.nn.Concat;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.DepthwiseConv2d;
import org.convkit.nn.Dropout;
import org.convkit.nn.Embedding;
import org.convkit.nn.Flatten;
import org.convkit.nn.GlobalAvgPool2d;
import org.convkit.nn.GlobalMaxPool2d;
import org.convkit.nn.Init;
import org.convkit.nn.LayerSpec;
import org.convkit.nn.Loss;
import org.convkit.nn.MaxOverTime;
import org.convkit.nn.MaxPool2d;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Node;
import org.convkit.nn.Padding;
import org.convkit.nn.PositionBias;
import org.convkit.nn.Relu;
import org.convkit.nn.Reshape;
import org.convkit.nn.Sigmoid;
import org.convkit.nn.Softmax;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.nn.Tanh;
import org.convkit.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvkitJsonTest {

    private final ObjectMapper json = ConvkitJson.mapper();

    /** At least one instance of every layer, with non-default settings wherever a layer has them. */
    static List<LayerSpec> everyLayer() {
        List<LayerSpec> layers = new ArrayList<>(List.of(
                Conv2d.of(4, 3),
                Conv2d.of(8, 3, 5).withStride(2, 1).withPadding(Padding.same()).withDilation(2, 1).withBias(false)
                        .withInit(Init.HE_NORMAL),
                Conv2d.of(2, 1, 7).withPadding(Padding.of(1, 2, 3, 4)),
                DepthwiseConv2d.of(3, 3).withMultiplier(2).withStride(1, 2).withPadding(Padding.of(1))
                        .withDilation(1, 2).withBias(false),
                MaxPool2d.of(3, 3, 2, 2).withPadding(Padding.same()),
                AvgPool2d.of(2).withPadding(Padding.of(1, 0)),
                new GlobalMaxPool2d(), new GlobalAvgPool2d(), new MaxOverTime(),
                Dense.of(10).withBias(false).withInit(Init.GLOROT_UNIFORM),
                new Flatten(), new Reshape(Shape.of(2, 3, 4)), new Concat(), new Add(),
                new Relu(), new Tanh(), new Sigmoid(), new Softmax(), new Dropout(0.5),
                BatchNorm2d.of(), new BatchNorm2d(1e-3, 0.01, false),
                Embedding.of(100, 16), Embedding.of(100, 16).withPaddingId(0).frozen().withInit(Init.UNIFORM_025),
                new PositionBias()));
        for (Init i : Init.values()) layers.add(Dense.of(3).withInit(i));
        return layers;
    }

    @Test
    void everyLayerRoundTripsToAnEqualRecord() throws JsonProcessingException {
        for (LayerSpec layer : everyLayer()) {
            String text = json.writeValueAsString(layer);
            assertTrue(text.startsWith("{\"type\":\"" + layer.getClass().getSimpleName() + "\""), text);
            LayerSpec back = json.readValue(text, LayerSpec.class);
            assertEquals(layer, back, text);
            assertEquals(text, json.writeValueAsString(back));
        }
    }

    @Test
    void theRoundTripListCoversEveryLayerType() {
        Set<Class<?>> covered = everyLayer().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> permitted = Set.of(LayerSpec.class.getPermittedSubclasses());
        assertEquals(permitted, covered, "add new layer types to everyLayer()");
        Set<Padding.Mode> modes = everyLayer().stream().map(ConvkitJsonTest::padding).filter(p -> p != null)
                .map(Padding::mode).collect(Collectors.toSet());
        assertEquals(Set.of(Padding.Mode.values()), modes);
    }

    private static Padding padding(LayerSpec l) {
        return switch (l) {
            case Conv2d c -> c.padding();
            case DepthwiseConv2d c -> c.padding();
            case MaxPool2d p -> p.padding();
            case AvgPool2d p -> p.padding();
            default -> null;
        };
    }

    @Test
    void writesTheDocumentedJsonForm() throws JsonProcessingException {
        assertEquals("{\"type\":\"Conv2d\",\"filters\":4,\"kernelH\":3,\"kernelW\":3,\"strideH\":1,\"strideW\":1,"
                        + "\"padding\":{\"mode\":\"VALID\",\"top\":0,\"bottom\":0,\"left\":0,\"right\":0},"
                        + "\"dilationH\":1,\"dilationW\":1,\"bias\":true,\"init\":\"PYTORCH_DEFAULT\"}",
                json.writeValueAsString(Conv2d.of(4, 3)));
        assertEquals("{\"type\":\"Reshape\",\"target\":[2,3,4]}", json.writeValueAsString(new Reshape(Shape.of(2, 3, 4))));
        assertEquals("{\"type\":\"Relu\"}", json.writeValueAsString(new Relu()));
        assertEquals("{\"type\":\"Embedding\",\"vocabSize\":100,\"dim\":16,\"trainable\":false,\"paddingId\":0,"
                + "\"init\":\"UNIFORM_025\"}", json.writeValueAsString(
                Embedding.of(100, 16).withPaddingId(0).frozen().withInit(Init.UNIFORM_025)));
        assertEquals("{\"type\":\"BatchNorm2d\",\"eps\":0.001,\"momentum\":0.01,\"affine\":false}",
                json.writeValueAsString(new BatchNorm2d(1e-3, 0.01, false)));
    }

    @Test
    void rejectsAHandWrittenLayerWithAFieldLeftOut() {
        // A missing field would otherwise become 0/false (e.g. bias off) without a word.
        var e = org.junit.jupiter.api.Assertions.assertThrows(JsonProcessingException.class, () -> json.readValue(
                "{\"type\":\"Conv2d\",\"filters\":16,\"kernelH\":3,\"kernelW\":3,\"strideH\":1,"
                        + "\"strideW\":1,\"dilationH\":1,\"dilationW\":1,\"init\":\"HE_UNIFORM\","
                        + "\"padding\":{\"mode\":\"VALID\",\"top\":0,\"bottom\":0,\"left\":0,\"right\":0}}",
                LayerSpec.class));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("'bias'"), e.getMessage());
    }

    @Test
    void readsAHandWrittenLayerWithEveryField() throws JsonProcessingException {
        LayerSpec l = json.readValue("{\"type\":\"Conv2d\",\"filters\":16,\"kernelH\":3,\"kernelW\":3,\"strideH\":1,"
                + "\"strideW\":1,\"dilationH\":1,\"dilationW\":1,\"bias\":true,\"init\":\"PYTORCH_DEFAULT\","
                + "\"padding\":{\"mode\":\"VALID\",\"top\":0,\"bottom\":0,\"left\":0,\"right\":0}}", LayerSpec.class);
        assertEquals(Conv2d.of(16, 3), l);
        assertEquals(Padding.of(1, 2, 3, 4), json.readValue(
                "{\"mode\":\"EXPLICIT\",\"top\":1,\"bottom\":2,\"left\":3,\"right\":4}", Padding.class));
    }

    @Test
    void lossesRoundTripIncludingClassWeights() throws JsonProcessingException {
        SoftmaxCrossEntropy weighted = new SoftmaxCrossEntropy(new double[]{1, 2.5, 0.1}, 0.1);
        String text = json.writeValueAsString(weighted);
        assertEquals("{\"type\":\"SoftmaxCrossEntropy\",\"classWeights\":[1.0,2.5,0.1],\"labelSmoothing\":0.1}", text);
        SoftmaxCrossEntropy back = (SoftmaxCrossEntropy) json.readValue(text, Loss.class);
        assertArrayEquals(weighted.classWeights(), back.classWeights());
        assertEquals(0.1, back.labelSmoothing());

        SoftmaxCrossEntropy plain = (SoftmaxCrossEntropy) json.readValue(json.writeValueAsString(SoftmaxCrossEntropy.plain()), Loss.class);
        assertNull(plain.classWeights());
        assertEquals(0.0, plain.labelSmoothing());

        assertEquals(new BinaryCrossEntropy(2.0), json.readValue(json.writeValueAsString(new BinaryCrossEntropy(2.0)), Loss.class));
        Set<Class<?>> permitted = Set.of(Loss.class.getPermittedSubclasses());
        assertEquals(Set.of(SoftmaxCrossEntropy.class, BinaryCrossEntropy.class), permitted, "add new losses to this test");
    }

    @Test
    void aModelGraphRoundTrips() throws JsonProcessingException {
        ModelBuilder b = new ModelBuilder("two-branch");
        Node x = b.input("spec", 1, 16, 8);
        Node side = b.input("side", 4);
        Node a = x.then("a", Conv2d.of(4, 3).withPadding(Padding.same()));
        Node c = x.then("c", Conv2d.of(4, 1));
        Node sum = b.add("sum", new Add(), a, c).then("gap", new GlobalAvgPool2d());
        Node cat = b.add("cat", new Concat(), sum, side);
        ModelSpec spec = b.build(cat.then("out", Dense.of(3)));
        String text = json.writeValueAsString(spec);
        ModelSpec back = json.readValue(text, ModelSpec.class);
        assertEquals(spec, back);
        assertEquals(spec.shapes(), back.shapes());
    }

    @Test
    void rejectsUnknownProperty() {
        var e = assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"type\":\"Dropout\",\"rate\":0.5,\"rat\":1}", LayerSpec.class));
        assertTrue(e.getMessage().contains("\"rat\""), e.getMessage());
    }

    @Test
    void rejectsDuplicateKeys() {
        var e = assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"type\":\"Dropout\",\"rate\":0.5,\"rate\":0.2}", LayerSpec.class));
        assertTrue(e.getMessage().contains("Duplicate field 'rate'"), e.getMessage());
    }

    @Test
    void rejectsNullForANumber() {
        var e = assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"type\":\"Dropout\",\"rate\":null}", LayerSpec.class));
        assertTrue(e.getMessage().contains("null") && e.getMessage().contains("double"), e.getMessage());
    }

    @Test
    void runsTheRecordsOwnValidation() {
        var e = assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"type\":\"Dropout\",\"rate\":1.5}", LayerSpec.class));
        assertTrue(e.getMessage().contains("Dropout rate must be in [0, 1), got 1.5"), e.getMessage());
    }

    @Test
    void rejectsTrailingContent() {
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"type\":\"Relu\"} {}", LayerSpec.class));
    }

    @Test
    void writesMapEntriesSortedByKey() throws JsonProcessingException {
        Map<String, Integer> m = new HashMap<>();
        for (String k : List.of("zeta", "alpha", "mu", "beta")) m.put(k, k.length());
        assertEquals("{\"alpha\":5,\"beta\":4,\"mu\":2,\"zeta\":4}", json.writeValueAsString(m));
    }

    @Test
    void eachCallGivesAnIndependentMapper() {
        ObjectMapper a = ConvkitJson.mapper();
        a.disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertTrue(ConvkitJson.mapper().isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }
}
