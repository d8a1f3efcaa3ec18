package org.convkit.examples;

import org.convkit.tensor.Shape;
import org.convkit.train.ArrayDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 60,000 training and 10,000 test images of 28x28
 * grey levels in 10 clothing classes, as Debian's {@code dataset-fashion-mnist} package installs it
 * under {@code /usr/share/datasets/fashion-mnist}. Pixels are scaled to [0, 1].
 */
public final class FashionMnist {
    /** Where Debian's package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The training split (60,000 images). */
    public static ArrayDataset train(Path dir) throws IOException {
        return load(dir, "train");
    }

    /** The test split (10,000 images). */
    public static ArrayDataset test(Path dir) throws IOException {
        return load(dir, "t10k");
    }

    private static Path file(Path dir, String name) throws IOException {
        Path gz = dir.resolve(name + ".gz");
        if (Files.exists(gz)) return gz;
        Path plain = dir.resolve(name);
        if (Files.exists(plain)) return plain;
        throw new IOException("Fashion-MNIST file " + gz + " not found; install Debian's dataset-fashion-mnist package"
                + " (apt-get install dataset-fashion-mnist) or pass the folder holding the four IDX files");
    }

    private static ArrayDataset load(Path dir, String prefix) throws IOException {
        IdxFile.Contents images = IdxFile.read(file(dir, prefix + "-images-idx3-ubyte"), 3);
        IdxFile.Contents labels = IdxFile.read(file(dir, prefix + "-labels-idx1-ubyte"), 1);
        if (images.count() != labels.count()) {
            throw new IOException(dir + ": " + images.count() + " " + prefix + " images but " + labels.count() + " labels");
        }
        if (images.dims()[1] != 28 || images.dims()[2] != 28) {
            throw new IOException(dir + ": images are " + images.dims()[1] + "x" + images.dims()[2] + ", expected 28x28");
        }
        int n = images.count();
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) x[i] = (images.data()[i] & 0xff) / 255f;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[i] & 0xff;
            if (y[i] >= 10) throw new IOException(dir + ": label of " + prefix + " image " + i + " is " + y[i] + ", expected 0..9");
        }
        return new ArrayDataset(Shape.of(1, 28, 28), x, y, CLASSES);
    }
}
