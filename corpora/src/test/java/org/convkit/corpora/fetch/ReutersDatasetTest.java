package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.CountTable;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReutersDatasetTest {

    @TempDir
    Path dir;

    static String arff(int positives, int negatives) {
        StringBuilder b = new StringBuilder("@relation 'Reuters-21578 Corn ModApte Train'\n\n@attribute Text string\n"
            + "@attribute class-att {0,1}\n\n@data\n\n");
        for (int i = 0; i < positives; i++) {
            b.append("'CORN STORY ").append(i).append("\\nU.S. corn exports rose',1\n");
        }
        for (int i = 0; i < negatives; i++) {
            b.append("'OTHER STORY ").append(i).append("\\ncocoa',0\n");
        }
        return b.toString();
    }

    @Test
    void installsCheckedFilesAndCountsThem() throws Exception {
        Path files = dir.resolve("files/usr/share/doc/weka/examples");
        Path control = Files.createDirectories(dir.resolve("control"));
        Map<String, String> pinned = new LinkedHashMap<>();
        StringBuilder md5sums = new StringBuilder();
        int[][] sizes = {{3, 10}, {1, 4}, {5, 8}, {2, 3}};
        String[] names = {"ReutersCorn-train.arff", "ReutersCorn-test.arff", "ReutersGrain-train.arff", "ReutersGrain-test.arff"};
        for (int i = 0; i < 4; i++) {
            Path f = TestFiles.write(files.resolve(names[i]), arff(sizes[i][0], sizes[i][1]));
            pinned.put(names[i], Checksums.sha256(f));
            md5sums.append(HexFormat.of().formatHex(Checksums.digest(f, "MD5"))).append("  usr/share/doc/weka/examples/")
                .append(names[i]).append('\n');
        }
        TestFiles.write(control.resolve("md5sums"), md5sums.toString());
        Path target = Files.createDirectories(dir.resolve("reuters"));
        ReutersDataset.install(dir.resolve("weka.deb"), dir.resolve("files"), control, target, pinned);
        Map<String, CountTable> counts = new ReutersDataset().counts(target);
        assertEquals(3, counts.get("corn").count("1", Split.TRAIN));
        assertEquals(10, counts.get("corn").count("0", Split.TRAIN));
        assertEquals(4, counts.get("corn").count("0", Split.TEST));
        assertEquals(5, counts.get("grain").count("1", Split.TRAIN));
        assertEquals(5, counts.get("grain").total(Split.TEST));
        assertEquals(target.resolve("ReutersGrain-test.arff"), new ReutersDataset().files(target).get("grain-test"));

        String good = pinned.put(names[0], "0".repeat(64));
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
            () -> ReutersDataset.install(dir.resolve("weka.deb"), dir.resolve("files"), control, target, pinned));
        assertTrue(e.getMessage().contains("differs from the validated"), e.getMessage());
        pinned.put(names[0], good);
        TestFiles.write(files.resolve(names[1]), "tampered");
        assertTrue(assertThrows(CorpusFormatException.class,
            () -> ReutersDataset.install(dir.resolve("weka.deb"), dir.resolve("files"), control, target, pinned))
            .getMessage().contains("md5sums"));
    }

    @Test
    void pinsTheFourArffFiles() {
        assertEquals(4, ReutersDataset.PINNED_SHA256.size());
    }
}
