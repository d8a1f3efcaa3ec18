package org.convkit.corpora;

import java.nio.file.Path;

/**
 * A corpus file does not have the format its reader expects. The message names the file, the line
 * (when the format is line-based) and what was expected.
 */
public class CorpusFormatException extends RuntimeException {

    private final transient Path file;
    private final long line;

    /**
     * Creates an exception for a problem at one line of a file.
     *
     * @param file    the offending file
     * @param line    the 1-based line number, or 0 when the problem is not tied to a line
     * @param problem what is wrong and what was expected
     */
    public CorpusFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /**
     * Creates an exception for a problem with a whole file (a WAV header, an archive).
     *
     * @param file    the offending file
     * @param problem what is wrong and what was expected
     */
    public CorpusFormatException(Path file, String problem) {
        this(file, 0, problem);
    }

    /**
     * The offending file.
     *
     * @return the path given when the exception was created
     */
    public Path file() {
        return file;
    }

    /**
     * The 1-based line number of the problem.
     *
     * @return the line, or 0 if the problem concerns the whole file
     */
    public long line() {
        return line;
    }
}
