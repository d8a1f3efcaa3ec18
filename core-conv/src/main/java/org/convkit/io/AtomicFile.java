package org.convkit.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that its final path only ever holds a complete file: the content goes to a
 * temporary file in the same directory ({@code name.tmp-<pid>-<n>}), is forced to the storage
 * device, and is then renamed over the target in one step. A reader sees either the old file or
 * the new one, never a half-written one, even if the writer crashes or the power fails. On any
 * failure the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFile {
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFile() {
    }

    /** What writes the content; the stream is buffered by the caller if needed and closed by {@link #write}. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically (see the class comment). Replaces an
     * existing file. The directory must exist.
     *
     * @throws IOException naming the target if the directory is missing or a write fails
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(target + ": cannot write, directory " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) throw new IOException(target + ": cannot write, it is a directory");
        Path tmp = createTemp(dir, abs.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
    }

    /** A new empty file {@code name.tmp-<pid>-<n>} in {@code dir}: unique within this process by the counter, across processes by the pid. */
    private static Path createTemp(Path dir, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        while (true) {
            Path tmp = dir.resolve(name + ".tmp-" + pid + "-" + COUNTER.incrementAndGet());
            try {
                // CREATE_NEW, not Files.createTempFile: the latter makes the file owner-only (0600),
                // and a model file should get the same permissions as any other file the user writes.
                FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // left over from a crashed process that had the same pid; take the next number
            }
        }
    }

    /** Makes the rename itself durable (POSIX needs an fsync of the directory); not possible on every OS. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; the rename is still atomic there.
        }
    }
}
