package org.convkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.nn.Model;
import org.convkit.nn.Parameter;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {

    @TempDir
    Path dir;

    /** Adam-style state: a first and second moment per trainable parameter, and a scalar step count. */
    private static Map<String, Tensor> adamState(Model m) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        int k = 0;
        for (Parameter p : m.parameters().values()) {
            if (!p.trainable()) continue;
            Tensor m1 = Tensor.zeros(p.value().shape()), m2 = Tensor.zeros(p.value().shape());
            for (int i = 0; i < p.size(); i++) {
                m1.data()[i] = 0.001f * (i - k);
                m2.data()[i] = 1e-6f * (i + 1);
            }
            state.put(p.name() + ".m", m1);
            state.put(p.name() + ".v", m2);
            k++;
        }
        state.put("step", Tensor.of(new float[]{300f}));
        return state;
    }

    @Test
    void roundTripsModelOptimizerStateEpochAndMetadata() throws IOException {
        Model m = TestModels.imageModel();
        Map<String, Tensor> state = adamState(m);
        ObjectNode md = RawFile.PLAIN.createObjectNode().put("learningRate", 0.001).put("shuffleSeed", 5);
        Path f = dir.resolve("ckpt.safetensors");
        Checkpoint.save(f, m, state, 12, md);

        Checkpoint c = Checkpoint.load(f);
        assertEquals(12, c.epoch());
        assertEquals(md, c.metadata());
        assertEquals(List.copyOf(state.keySet()), List.copyOf(c.optimizerState().keySet()));
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor got = c.optimizerState().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertArrayEquals(ModelFileTest.bits(e.getValue()), ModelFileTest.bits(got), e.getKey());
        }
        assertEquals(0, c.optimizerState().get("step").rank());
        for (Parameter p : m.parameters().values()) {
            assertArrayEquals(ModelFileTest.bits(p.value()), ModelFileTest.bits(c.model().parameter(p.name()).value()));
        }
        Tensor x = TestModels.images(3, 77);
        assertArrayEquals(ModelFileTest.bits(m.predict(x)), ModelFileTest.bits(c.model().predict(x)));
    }

    @Test
    void aModelFileIsNotACheckpoint() throws IOException {
        Path f = dir.resolve("model.safetensors");
        ModelFile.save(f, TestModels.textModel(), null);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Checkpoint.load(f));
        assertEquals(f + ": a convkit model, not a convkit training checkpoint; read it with ModelFile.load", e.getMessage());
    }

    @Test
    void rejectsNonFiniteOptimizerState() {
        Model m = TestModels.textModel();
        Map<String, Tensor> state = Map.of("step", Tensor.of(new float[]{Float.NaN}));
        Path f = dir.resolve("ckpt.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(f, m, state, 1, null));
        assertTrue(e.getMessage().contains("optimizer state 'step'") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void detectsAMissingOptimizerTensor() throws IOException {
        Model m = TestModels.textModel();
        Path f = dir.resolve("ckpt.safetensors");
        Checkpoint.save(f, m, Map.of("step", Tensor.of(new float[]{3f})), 1, null);
        RawFile raw = RawFile.read(f);
        ObjectNode json = raw.json().deepCopy();
        json.remove("optimizer/step");
        RawFile.resealHeader(json);
        RawFile.write(f, json, java.util.Arrays.copyOf(raw.data(), raw.data().length - 4));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Checkpoint.load(f));
        assertEquals(f + ": tensor 'optimizer/step' is missing from the file", e.getMessage());
    }
}
