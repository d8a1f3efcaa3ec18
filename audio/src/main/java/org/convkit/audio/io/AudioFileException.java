package org.convkit.audio.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An audio file could not be read or decoded: missing, unreadable, empty, truncated, corrupt or in
 * an unsupported encoding. The message always starts with the file and says what was expected.
 */
public final class AudioFileException extends IOException {

    private final transient Path file;
    /** The problem without the file name. */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param file    the file being read
     * @param problem what is wrong and what was expected, e.g. "data chunk declares 32000 bytes but
     *                only 1200 follow (file truncated?)"
     */
    public AudioFileException(Path file, String problem) {
        super(Objects.requireNonNull(file, "file") + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /**
     * Creates the exception with an underlying cause.
     *
     * @param file    the file being read
     * @param problem what is wrong and what was expected
     * @param cause   the underlying I/O or decoding error
     */
    public AudioFileException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /**
     * The file that failed.
     *
     * @return the path as given to the reader
     */
    public Path file() {
        return file;
    }

    /**
     * The problem without the file name.
     *
     * @return a sentence saying what is wrong and what was expected
     */
    public String problem() {
        return problem;
    }
}
