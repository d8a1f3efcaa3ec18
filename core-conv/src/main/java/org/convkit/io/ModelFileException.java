package org.convkit.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model or checkpoint file that cannot be used: not a safetensors file, not a convkit file, an
 * unsupported format version, an architecture or weights that do not fit, or damage. The message
 * names the file and what was expected.
 */
public final class ModelFileException extends IOException {
    private final transient Path file;

    ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }
}
