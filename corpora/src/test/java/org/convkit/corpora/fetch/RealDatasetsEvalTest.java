package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.convkit.corpora.CountTable;
import org.convkit.corpora.DataDirectory;
import org.convkit.corpora.Split;
import org.convkit.corpora.vectors.WordVectorReader;
import org.convkit.corpora.vectors.WordVectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fetches the three real datasets through apt-get and npm (or verifies the cached copies in the data
 * directory) and checks the document counts. The expected numbers were computed independently with
 * Python from the unpacked packages: Reuters by counting the class value of each ARFF data line;
 * SpamAssassin with {@code email.message_from_bytes} on each raw {@code .txt} message and the split
 * rule {@code int(md5[:8], 16) % 100 < 20}; the vectors by {@code json.load} of wink's file.
 * Run with {@code mvn -o -q -pl corpora test -Dgroups=eval -Dtest=RealDatasetsEvalTest}.
 */
@Tag("eval")
class RealDatasetsEvalTest {

    private static final Path DATA = DataDirectory.resolve(null);

    @Test
    void reutersCornAndGrain() {
        FetchResult r = new CorpusFetcher(System.err).fetch("reuters", DATA);
        r.print(System.out);
        CountTable corn = r.counts().get("corn");
        assertEquals(1509, corn.count("0", Split.TRAIN));
        assertEquals(45, corn.count("1", Split.TRAIN));
        assertEquals(580, corn.count("0", Split.TEST));
        assertEquals(24, corn.count("1", Split.TEST));
        CountTable grain = r.counts().get("grain");
        assertEquals(1451, grain.count("0", Split.TRAIN));
        assertEquals(103, grain.count("1", Split.TRAIN));
        assertEquals(547, grain.count("0", Split.TEST));
        assertEquals(57, grain.count("1", Split.TEST));
    }

    @Test
    void spamAssassin() {
        FetchResult r = new CorpusFetcher(System.err).fetch("spamassassin", DATA);
        r.print(System.out);
        CountTable full = r.counts().get("subject-body");
        assertEquals(3334, full.count("ham", Split.TRAIN));
        assertEquals(816, full.count("ham", Split.TEST));
        assertEquals(1498, full.count("spam", Split.TRAIN));
        assertEquals(398, full.count("spam", Split.TEST));
        CountTable subject = r.counts().get("subject");
        // 19 messages have no Subject header or an empty one: ham 3 + 3, spam 9 + 4
        assertEquals(3331, subject.count("ham", Split.TRAIN));
        assertEquals(813, subject.count("ham", Split.TEST));
        assertEquals(1489, subject.count("spam", Split.TRAIN));
        assertEquals(394, subject.count("spam", Split.TEST));
    }

    @Test
    void glove100d() {
        FetchResult r = new CorpusFetcher(System.err).fetch("glove-100d", DATA);
        r.print(System.out);
        WordVectors v = WordVectorReader.read(r.files().get("vectors"), WordVectorReader.Format.GLOVE_TEXT,
            List.of("the", "yes", "marvin", "corn", "notawordatallxyz"));
        System.out.println(v.coverageSummary());
        assertEquals(100, v.dimension());
        assertEquals(341_479, v.wordsInFile());
        assertEquals(4, v.found());
        float[] the = v.vector("the");
        assertArrayEquals(new float[] {-0.038194f, -0.24487f, 0.72812f}, new float[] {the[0], the[1], the[2]});
    }
}
