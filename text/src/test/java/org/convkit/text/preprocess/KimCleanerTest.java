package org.convkit.text.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected outputs were worked out by hand from the clean_str rules: (1) every character outside
 * [A-Za-z0-9(),!?'`] becomes a space, (2) a space is inserted before each 's, 've, n't, 're, 'd,
 * 'll, (3) , ! ( ) ? get a space on each side, (4) runs of spaces collapse and the ends are
 * stripped. No lower-casing here.
 */
class KimCleanerTest {

    @Test
    void splitsCliticsAndPadsPunctuation() {
        // "It's" -> "It 's"; "can't" -> "ca n't"; "!" padded.
        assertArrayEquals(new String[] {"It", "'s", "not", "that", "I", "ca", "n't", "!"},
            KimCleaner.cleanStr("It's not that I can't!"));
        // 've, 'd, 're, 'll each split; ? padded.
        assertArrayEquals(new String[] {"we", "'ve", "you", "'d", "they", "'re", "she", "'ll", "?"},
            KimCleaner.cleanStr("we've you'd they're she'll?"));
    }

    @Test
    void replacesDisallowedCharactersBySpaces() {
        // '.', '$', '-', ':' and '"' are outside the kept set; '3' and '50' survive as digits.
        assertArrayEquals(new String[] {"costs", "3", "50", "well", "made", "wow"},
            KimCleaner.cleanStr("costs $3.50: well-made. \"wow\""));
        // Non-ASCII letters are not in [A-Za-z]: "café" loses the é.
        assertArrayEquals(new String[] {"caf", "na", "ve"}, KimCleaner.cleanStr("café naïve"));
    }

    @Test
    void padsCommasAndParenthesesAndKeepsBackquotes() {
        // Backquotes and apostrophes are kept but not padded, so "``c''" stays one token.
        assertArrayEquals(new String[] {"(", "a", ",", "b", ")", "``c''"},
            KimCleaner.cleanStr("(a,b) ``c''"));
    }

    @Test
    void cliticRulesAreCaseSensitiveAndApplyInsideWords() {
        // Upper-case "N'T" and "'S" match no rule (the reference lower-cases only at the end).
        assertArrayEquals(new String[] {"DON'T", "IT'S"}, KimCleaner.cleanStr("DON'T IT'S"));
        // "'s" anywhere is split, e.g. a quoted word starting with s.
        assertArrayEquals(new String[] {"'", "'sure'"}, KimCleaner.cleanStr("''sure'"));
    }

    @Test
    void emptyAndAllRemovedInputGiveNoTokens() {
        assertArrayEquals(new String[0], KimCleaner.cleanStr(""));
        assertArrayEquals(new String[0], KimCleaner.cleanStr("  \t\n "));
        assertArrayEquals(new String[0], KimCleaner.cleanStr("...--;;"));
        assertArrayEquals(new String[0], KimCleaner.cleanStrSst("$%&"));
    }

    @Test
    void sstVariantOnlyFiltersCharactersAndCollapsesSpaces() {
        // No clitic splitting and no punctuation padding: "can't" stays whole, "(ok)!" too.
        assertArrayEquals(new String[] {"It's", "a", "can't", "miss", "(ok)!", "film"},
            KimCleaner.cleanStrSst("It's  a -- can't-miss (ok)! film."));
    }
}
