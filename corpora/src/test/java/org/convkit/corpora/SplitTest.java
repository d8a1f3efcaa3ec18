package org.convkit.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void parsesTheUsualSpellings() {
        assertEquals(Split.TRAIN, Split.parse("training"));
        assertEquals(Split.TRAIN, Split.parse(" Train "));
        assertEquals(Split.VALIDATION, Split.parse("dev"));
        assertEquals(Split.VALIDATION, Split.parse("VAL"));
        assertEquals(Split.TEST, Split.parse("testing"));
        assertEquals("validation", Split.VALIDATION.label());
    }

    @Test
    void rejectsAnUnknownSplitNamingTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.parse("holdout"));
        assertTrue(e.getMessage().contains("holdout") && e.getMessage().contains("dev"), e.getMessage());
    }
}
