package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumManifestTest {

    @TempDir
    Path dir;

    @Test
    void writesSha256sumFormatAndDetectsDamage() throws Exception {
        TestFiles.write(dir.resolve("b/x.txt"), "abc");
        TestFiles.write(dir.resolve("a.txt"), "");
        ChecksumManifest.write(dir);
        // sha256sum of "" and "abc"
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt\n"
                + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  b/x.txt\n",
            Files.readString(dir.resolve("SHA256SUMS")));
        assertEquals(2, ChecksumManifest.verify(dir));
        TestFiles.write(dir.resolve("b/x.txt"), "abd");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> ChecksumManifest.verify(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("b/x.txt").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        Files.delete(dir.resolve("b/x.txt"));
        assertTrue(assertThrows(CorpusFormatException.class, () -> ChecksumManifest.verify(dir)).getMessage().contains("missing"));
    }
}
