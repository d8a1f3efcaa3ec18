package org.convkit.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.convkit.corpora.DataDirectory;
import org.convkit.corpora.Split;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Builds (or reuses) the default synthetic corpus in the data directory and prints its counts: 20 words
 * (the 10 keywords and 10 fillers) x 60 speakers x 4 renditions. Run with
 * {@code mvn -o -q -pl corpora test -Dgroups=eval -Dtest=SyntheticCorpusEvalTest}.
 */
@Tag("eval")
class SyntheticCorpusEvalTest {

    @Test
    void defaultCorpusHasTenKeywordsFromAtLeastFortyVoices() {
        SyntheticCorpusSettings settings = SyntheticCorpusSettings.defaults(Path.of("unused"));
        settings = settings.withOutputDirectory(DataDirectory.resolve(null)
            .resolve("synthetic-keywords-" + settings.contentHash().substring(0, 12)));
        SyntheticCorpusReport report = new SyntheticKeywordCorpus(settings, System.err).build();
        report.print(System.out);
        assertEquals(20 * 60 * 4, report.clips());
        assertTrue(report.speakers() >= 40);
        for (String keyword : SyntheticCorpusSettings.KEYWORDS) {
            assertEquals(240, report.stats().labels().total(keyword));
        }
        assertTrue(report.stats().labels().total(Split.VALIDATION) > 0 && report.stats().labels().total(Split.TEST) > 0);
        assertTrue(report.cached() || report.buildSeconds() < 300, "built in " + report.buildSeconds() + " s");
    }
}
