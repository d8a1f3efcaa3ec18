package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.corpora.CorpusFormatException;
import org.junit.jupiter.api.Test;

class TarArchiveTest {

    @Test
    void readsMembersIncludingPaxLongNamesAndSkipsUnreadContent() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/package.json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String longName = "package/data/" + "d".repeat(120) + "/file.txt";
        files.put(longName, new byte[1000]);
        files.put("package/README.md", "read me".getBytes(StandardCharsets.UTF_8));
        TarArchive tar = new TarArchive(new ByteArrayInputStream(TestTar.tar(files)), Path.of("t.tar"));
        TarArchive.Entry first = tar.next();
        assertEquals("package/package.json", first.name());
        assertTrue(first.isFile());
        TarArchive.Entry second = tar.next(); // first's content is skipped unread
        assertEquals(longName, second.name());
        assertEquals(1000, second.size());
        assertEquals(1000, tar.content().readAllBytes().length);
        TarArchive.Entry third = tar.next();
        assertEquals("package/README.md", third.name());
        assertArrayEquals("read me".getBytes(StandardCharsets.UTF_8), tar.content().readAllBytes());
        assertNull(tar.next());
    }

    @Test
    void rejectsACorruptHeader() {
        byte[] bytes = TestTar.tar(Map.of("a.txt", new byte[3]));
        bytes[10] ^= 1;
        TarArchive tar = new TarArchive(new ByteArrayInputStream(bytes), Path.of("bad.tgz"));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, tar::next);
        assertTrue(e.getMessage().contains("bad.tgz") && e.getMessage().contains("checksum"), e.getMessage());
    }
}
