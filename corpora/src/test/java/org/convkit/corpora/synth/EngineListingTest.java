package org.convkit.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The listings below are the exact output format of espeak-ng 1.51 and flite 2.2. */
class EngineListingTest {

    @Test
    void parsesEnglishEspeakVoicesWithoutMbrola() {
        String listing = String.join("\n",
            "Pty Language       Age/Gender VoiceName          File                 Other Languages",
            " 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)",
            " 3  en-uk           --/M      english-mb-en1     mb/mb-en1            (en-gb 3)(en 2)",
            " 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)",
            " 5  en-gb-scotland  --/M      English_(Scotland) gmw/en-GB-scotland   (en 4)",
            " 5  en-us           --/F      us-mbrola-1        mb/mb-us1            (en 8)",
            " 5  variant         --/M      Storm              !v/Storm             (en-us 5)",
            " 5  en-us-nyc       --/M      English_(America,_New_York_City) gmw/en-US-nyc        ");
        assertEquals(List.of("en-gb", "en-gb-scotland", "en-us", "en-us-nyc"), EspeakNg.parseVoices(listing));
    }

    @Test
    void parsesVariantNamesIncludingOnesWithSpaces() {
        String listing = String.join("\n",
            "Pty Language       Age/Gender VoiceName          File                 Other Languages",
            " 5  variant         --/M      Half-LifeAnnouncementSystem !v/announcer         ",
            " 5  variant         --/M      Mr_Serious         !v/Mr serious        ",
            " 5  variant         --/M      Storm              !v/Storm             (en-us 5)",
            " 5  variant         70/M      male1              !v/m1                ");
        assertEquals(List.of("Mr serious", "Storm", "announcer", "m1"), EspeakNg.parseVariants(listing));
    }

    @Test
    void parsesFliteVoicesWithoutTheTimeOfDayVoice() {
        assertEquals(List.of("awb", "kal", "kal16", "rms", "slt"),
            Flite.parseVoices("Voices available: kal awb_time kal16 awb rms slt \n"));
    }

    @Test
    void speakerIdIsTheSha1PrefixOfTheDescription() {
        // python3 -c "import hashlib; print(hashlib.sha1(b'flite slt').hexdigest()[:8])"
        SyntheticSpeaker slt = new SyntheticSpeaker("flite", "slt", "", "flite slt");
        assertEquals("5da89f2f", slt.id());
        assertEquals("espeak-ng en-us+m3", new SyntheticSpeaker("espeak-ng", "en-us", "m3", "g").description());
    }
}
