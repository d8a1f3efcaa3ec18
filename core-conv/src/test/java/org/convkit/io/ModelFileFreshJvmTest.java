package org.convkit.io;

import org.convkit.nn.Model;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model saved here and loaded in another JVM gives the same outputs to the last bit: nothing the
 * outputs depend on lives only in this JVM's memory.
 */
class ModelFileFreshJvmTest {

    @TempDir
    Path dir;

    @Test
    void modelLoadedInAFreshJvmGivesBitIdenticalOutputs() throws Exception {
        Model image = TestModels.imageModel();
        Model text = TestModels.textModel();
        Tensor imageInput = TestModels.images(7, 500);
        Tensor textInput = TestModels.tokens(9, 501);
        Tensor imageExpected = image.predict(imageInput);
        Tensor textExpected = text.predict(textInput);

        List<String> args = new ArrayList<>();
        Object[][] cases = {{"image", image, imageInput}, {"text", text, textInput}};
        for (Object[] c : cases) {
            Path model = dir.resolve(c[0] + ".safetensors"), in = dir.resolve(c[0] + ".in"), out = dir.resolve(c[0] + ".out");
            ModelFile.save(model, (Model) c[1], null);
            TensorStreams.write(in, List.of((Tensor) c[2]));
            args.addAll(List.of(model.toString(), in.toString(), out.toString()));
        }

        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                PredictMain.class.getName()));
        command.addAll(args);
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertTrue(done, "child JVM did not finish in 120 s");
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + Files.readString(log));

        Tensor imageActual = TensorStreams.read(dir.resolve("image.out")).get(0);
        Tensor textActual = TensorStreams.read(dir.resolve("text.out")).get(0);
        assertArrayEquals(imageExpected.shape(), imageActual.shape());
        assertArrayEquals(ModelFileTest.bits(imageExpected), ModelFileTest.bits(imageActual), "image model outputs");
        assertArrayEquals(textExpected.shape(), textActual.shape());
        assertArrayEquals(ModelFileTest.bits(textExpected), ModelFileTest.bits(textActual), "text model outputs");
    }
}
