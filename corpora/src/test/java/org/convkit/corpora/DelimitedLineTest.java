package org.convkit.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedLineTest {

    @Test
    void splitsTabsWithoutQuoting() {
        assertEquals(List.of("1", "a \"quoted\" word", ""), DelimitedLine.split("1\ta \"quoted\" word\t", '\t', false));
        assertEquals(List.of(""), DelimitedLine.split("", '\t', false));
    }

    @Test
    void followsRfc4180Quoting() {
        assertEquals(List.of("pos", "good, \"really\" good", "x"),
            DelimitedLine.split("pos,\"good, \"\"really\"\" good\",x", ',', true));
        assertEquals(List.of("a", ""), DelimitedLine.split("a,", ',', true));
        assertEquals(List.of("", "b"), DelimitedLine.split("\"\",b", ',', true));
    }

    @Test
    void rejectsAnUnclosedQuote() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DelimitedLine.split("neg,\"unfinished", ',', true));
        assertTrue(e.getMessage().contains("column 5"), e.getMessage());
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        assertThrows(IllegalArgumentException.class, () -> DelimitedLine.split("\"a\"b,c", ',', true));
    }
}
