package org.convkit.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.convkit.corpora.TextExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArffFileTest {

    @TempDir
    Path dir;

    /** The layout of Weka's ReutersCorn-train.arff, with escapes as Weka writes them. */
    static final String REUTERS = "@relation 'Reuters-21578 Corn ModApte Train-weka.filters.unsupervised.attribute.NumericToBinary'\n"
        + "\n"
        + "@attribute Text string\n"
        + "@attribute class-att {0,1}\n"
        + "\n"
        + "@data\n"
        + "\n"
        + "'BAHIA COCOA REVIEW Showers continued\\nthe Bahia cocoa zone, alleviating \\'drought\\'\\n',0\n"
        + "% a comment line\n"
        + "'U.S. CORN EXPORTS \"RISE\"\\n    The USDA said',1\n"
        + "\"double quoted, with 'single' inside\",0\n";

    @Test
    void readsHeaderAndDenseRowsAsWekaDoes() {
        Path file = TestFiles.write(dir.resolve("ReutersCorn-train.arff"), REUTERS);
        try (ArffFile arff = ArffFile.open(file)) {
            assertEquals("Reuters-21578 Corn ModApte Train-weka.filters.unsupervised.attribute.NumericToBinary", arff.relation());
            assertEquals(List.of(new ArffAttribute("Text", ArffAttribute.Type.STRING, List.of()),
                new ArffAttribute("class-att", ArffAttribute.Type.NOMINAL, List.of("0", "1"))), arff.attributes());
            List<ArffFile.Row> rows = arff.rows().toList();
            assertEquals(3, rows.size());
            assertEquals(8, rows.get(0).line());
            assertEquals(List.of("BAHIA COCOA REVIEW Showers continued\nthe Bahia cocoa zone, alleviating 'drought'\n", "0"),
                rows.get(0).values());
            assertEquals("U.S. CORN EXPORTS \"RISE\"\n    The USDA said", rows.get(1).values().get(0));
            assertEquals(10, rows.get(1).line());
            assertEquals("double quoted, with 'single' inside", rows.get(2).values().get(0));
        }
    }

    @Test
    void arffTextFormatTakesTheStringAndTheClassAttribute() {
        Path file = TestFiles.write(dir.resolve("r.arff"), REUTERS);
        List<TextExample> examples;
        try (Stream<TextExample> s = ArffTextFormat.defaults().read(file, Split.TEST)) {
            examples = s.toList();
        }
        assertEquals(List.of("0", "1", "0"), examples.stream().map(TextExample::label).toList());
        assertEquals(Split.TEST, examples.get(1).split());
        assertThrows(CorpusFormatException.class, () -> new ArffTextFormat("Body", null).read(file, Split.TEST));
        assertThrows(CorpusFormatException.class, () -> new ArffTextFormat("class-att", null).read(file, Split.TEST));
    }

    @Test
    void readsSparseRowsMissingValuesNumericAndDateAttributes() {
        String text = "% comment before the header\n@RELATION test\n@ATTRIBUTE 'word count' NUMERIC\n@attribute body string\n"
            + "@attribute when date \"yyyy-MM-dd\"\n@attribute topic {'grain crops', other}\n@DATA\n"
            + "{1 'wheat', 3 'grain crops'}\n"
            + "3.5, ?, 2001-02-03, other\n"
            + "{0 7}\n";
        Path file = TestFiles.write(dir.resolve("s.arff"), text);
        try (ArffFile arff = ArffFile.open(file)) {
            assertEquals("word count", arff.attributes().get(0).name());
            assertEquals(ArffAttribute.Type.DATE, arff.attributes().get(2).type());
            List<ArffFile.Row> rows = arff.rows().toList();
            assertEquals(List.of("0", "wheat", "", "grain crops"), rows.get(0).values());
            assertEquals(Arrays.asList("3.5", null, "2001-02-03", "other"), rows.get(1).values());
            assertEquals(List.of("7", "", "", "grain crops"), rows.get(2).values());
        }
    }

    @Test
    void reportsWrongValueCountWithLineNumber() {
        Path file = TestFiles.write(dir.resolve("a.arff"), "@relation r\n@attribute t string\n@attribute c {0,1}\n@data\n'ok',1\n'only text'\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> {
            try (ArffFile arff = ArffFile.open(file)) {
                arff.rows().toList();
            }
        });
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("expected 2 values, found 1"), e.getMessage());
        Path more = TestFiles.write(dir.resolve("b.arff"), "@relation r\n@attribute t string\n@attribute c {0,1}\n@data\n'a',1,0\n");
        assertEquals(5, assertThrows(CorpusFormatException.class, () -> {
            try (ArffFile arff = ArffFile.open(more)) {
                arff.rows().toList();
            }
        }).line());
    }

    @Test
    void reportsUndeclaredNominalValueNonNumbersAndBadHeaders() {
        Path nominal = TestFiles.write(dir.resolve("a.arff"), "@relation r\n@attribute t string\n@attribute c {0,1}\n@data\n'x',2\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> {
            try (ArffFile arff = ArffFile.open(nominal)) {
                arff.rows().toList();
            }
        });
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("value '2' is not declared"), e.getMessage());
        Path nan = TestFiles.write(dir.resolve("b.arff"), "@relation r\n@attribute x numeric\n@data\n1\nNaN\n");
        assertEquals(5, assertThrows(CorpusFormatException.class, () -> {
            try (ArffFile arff = ArffFile.open(nan)) {
                arff.rows().toList();
            }
        }).line());
        Path type = TestFiles.write(dir.resolve("c.arff"), "@relation r\n@attribute x relational\n@data\n");
        CorpusFormatException t = assertThrows(CorpusFormatException.class, () -> ArffFile.open(type));
        assertEquals(2, t.line());
        Path noRelation = TestFiles.write(dir.resolve("d.arff"), "@attribute x numeric\n@data\n");
        assertEquals(1, assertThrows(CorpusFormatException.class, () -> ArffFile.open(noRelation)).line());
        Path noAttributes = TestFiles.write(dir.resolve("e.arff"), "@relation r\n@data\n");
        assertTrue(assertThrows(CorpusFormatException.class, () -> ArffFile.open(noAttributes)).getMessage().contains("no @attribute"));
        Path emptyText = TestFiles.write(dir.resolve("f.arff"), "@relation r\n@attribute t string\n@attribute c {0,1}\n@data\n'a',1\n'  ',0\n");
        CorpusFormatException empty = assertThrows(CorpusFormatException.class, () -> {
            try (Stream<TextExample> s = ArffTextFormat.defaults().read(emptyText, Split.TRAIN)) {
                s.toList();
            }
        });
        assertEquals(6, empty.line());
    }
}
