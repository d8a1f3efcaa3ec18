package org.convkit.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesTest {

    @TempDir
    Path dir;

    @Test
    void numbersLinesAndDropsLineEndsAndByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "first\r\nsecond\n\nfourth".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Path file = TestFiles.write(dir.resolve("a.txt"), all);
        try (Stream<TextLines.Line> lines = TextLines.of(file, StandardCharsets.UTF_8)) {
            List<TextLines.Line> list = lines.toList();
            assertEquals(List.of("first", "second", "", "fourth"), list.stream().map(TextLines.Line::text).toList());
            assertEquals(List.of(1L, 2L, 3L, 4L), list.stream().map(TextLines.Line::number).toList());
        }
    }

    @Test
    void readsLinesLongerThanTheBuffer() {
        String longLine = "x".repeat(200_000);
        Path file = TestFiles.write(dir.resolve("long.txt"), "a\n" + longLine + "\nb\n");
        try (Stream<TextLines.Line> lines = TextLines.of(file, StandardCharsets.UTF_8)) {
            assertEquals(List.of(1, 200_000, 1), lines.map(l -> l.text().length()).toList());
        }
    }

    @Test
    void reportsInvalidUtf8WithTheExactLine() {
        byte[] bytes = "ok\nfine\nbad \u00e9 here\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = TestFiles.write(dir.resolve("latin1.txt"), bytes);
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> {
            try (Stream<TextLines.Line> lines = TextLines.of(file, StandardCharsets.UTF_8)) {
                lines.forEach(l -> { });
            }
        });
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
    }
}
