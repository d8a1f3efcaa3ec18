package org.convkit.io;

import org.convkit.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tensors to and from a plain test file (count; per tensor: rank, dims, raw float bits), used to
 * pass inputs and outputs between a test and the JVM it launches. Independent of the code under test.
 */
final class TensorStreams {
    private TensorStreams() {
    }

    static void write(Path file, List<Tensor> tensors) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(tensors.size());
            for (Tensor t : tensors) {
                out.writeInt(t.rank());
                for (int d : t.shape()) out.writeInt(d);
                for (int i = 0; i < t.size(); i++) out.writeInt(Float.floatToRawIntBits(t.data()[i]));
            }
        }
    }

    static List<Tensor> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            List<Tensor> list = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int[] shape = new int[in.readInt()];
                for (int i = 0; i < shape.length; i++) shape[i] = in.readInt();
                Tensor t = Tensor.zeros(shape);
                for (int i = 0; i < t.size(); i++) t.data()[i] = Float.intBitsToFloat(in.readInt());
                list.add(t);
            }
            return list;
        }
    }
}
