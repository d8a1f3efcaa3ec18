package org.convkit.corpora;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the lines of a text file with their 1-based numbers. Each line is decoded on its own, so a
 * byte sequence that is not valid in the charset is reported with the exact line number (a
 * {@link java.io.BufferedReader} decodes ahead and cannot say where). Line ends are {@code \n} or
 * {@code \r\n}; a UTF-8 byte-order mark at the start is dropped.
 */
public final class TextLines {

    /**
     * A line and where it came from.
     *
     * @param file   the file it was read from
     * @param number the 1-based line number
     * @param text   the decoded line without its line end
     */
    public record Line(Path file, long number, String text) {

        /**
         * An exception naming this line's file and number.
         *
         * @param problem what is wrong and what was expected
         * @return the exception, for the caller to throw
         */
        public CorpusFormatException error(String problem) {
            return new CorpusFormatException(file, number, problem);
        }
    }

    private TextLines() {
    }

    /**
     * Opens a file and streams its lines. Close the stream (try-with-resources) to close the file.
     *
     * @param file    the file
     * @param charset the encoding; bytes invalid in it raise {@link CorpusFormatException} at that line
     * @return the lines, in file order
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static Stream<Line> of(Path file, Charset charset) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        return of(in, file, charset);
    }

    /**
     * Streams the lines of an already open input; closing the stream closes {@code in}.
     *
     * @param in      the bytes
     * @param file    the name to report in errors
     * @param charset the encoding
     * @return the lines, in order
     */
    public static Stream<Line> of(InputStream in, Path file, Charset charset) {
        LineIterator it = new LineIterator(in, file, charset);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL), false)
            .onClose(() -> {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
    }

    private static final class LineIterator implements Iterator<Line> {
        private final InputStream in;
        private final Path file;
        private final CharsetDecoder decoder;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final byte[] chunk = new byte[1 << 16];
        private int position;
        private int limit;
        private long number;
        private Line next;
        private boolean done;

        LineIterator(InputStream in, Path file, Charset charset) {
            this.in = in;
            this.file = file;
            this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = read();
            }
            return next != null;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line line = next;
            next = null;
            return line;
        }

        private Line read() {
            buffer.reset();
            try {
                boolean any = false;
                boolean ended = false;
                while (!ended) {
                    if (position == limit) {
                        limit = in.read(chunk, 0, chunk.length);
                        position = 0;
                        if (limit <= 0) {
                            limit = 0;
                            break;
                        }
                    }
                    any = true;
                    int start = position;
                    while (position < limit && chunk[position] != '\n') {
                        position++;
                    }
                    buffer.write(chunk, start, position - start);
                    if (position < limit) {
                        position++;
                        ended = true;
                    }
                }
                if (!any) {
                    done = true;
                    return null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " after line " + number, e);
            }
            number++;
            byte[] bytes = buffer.toByteArray();
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
            int start = 0;
            if (number == 1 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
                start = 3;
            }
            try {
                String text = decoder.reset().decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
                return new Line(file, number, text);
            } catch (CharacterCodingException e) {
                throw new CorpusFormatException(file, number,
                    "bytes that are not valid " + decoder.charset().name() + " (" + e.getMessage() + ")");
            }
        }
    }
}
