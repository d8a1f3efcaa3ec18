package org.convkit.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesContentUnderTheFinalNameOnly() throws IOException {
        Path f = dir.resolve("out.bin");
        List<Path> seenWhileWriting = new ArrayList<>();
        AtomicFile.write(f, out -> {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            seenWhileWriting.addAll(listing());
        });
        assertEquals("hello", Files.readString(f));
        assertEquals(1, seenWhileWriting.size());
        Path tmp = seenWhileWriting.get(0);
        assertTrue(tmp.getFileName().toString().startsWith("out.bin.tmp-" + ProcessHandle.current().pid() + "-"), tmp.toString());
        assertEquals(List.of(f), listing());
    }

    @Test
    void failureMidWriteKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Files.writeString(f, "old");
        IOException boom = new IOException("disk full (simulated)");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write(new byte[10_000]);
            throw boom;
        }));
        assertSame(boom, e);
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listing());
    }

    @Test
    void runtimeFailureAlsoRemovesTheTemporaryFile() throws IOException {
        Path f = dir.resolve("new.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals(List.of(), listing());
    }

    @Test
    void refusesToReplaceADirectory() throws IOException {
        Path d = Files.createDirectory(dir.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(d, out -> out.write(1)));
        assertTrue(e.getMessage().contains("it is a directory"), e.getMessage());
        assertEquals(List.of(d), listing());
    }
}
