package org.convkit.train;

import org.convkit.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayDatasetTest {

    @Test
    void holdsExamplesLabelsAndClassNames() {
        ArrayDataset d = ArrayDataset.of(Shape.of(1, 2), new float[][]{{1, 2}, {3, 4}, {5, 6}}, new int[]{2, 0, 1},
                List.of("yes", "no", "up"));
        assertEquals(3, d.size());
        assertEquals(Shape.of(1, 2), d.inputShape());
        float[] dst = new float[4];
        d.copyInput(1, dst, 2);
        assertArrayEquals(new float[]{0, 0, 3, 4}, dst);
        assertEquals(2, d.label(0));
        assertEquals(List.of("yes", "no", "up"), d.labels());
        assertEquals(List.of("0", "1", "2"), new ArrayDataset(Shape.of(1), new float[]{1}, new int[]{2}, 3).labels());
    }

    @Test
    void rejectsNaNNamingTheExample() {
        float[] x = {0, 1, 2, 3, Float.NaN, 5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArrayDataset(Shape.of(2), x, new int[]{0, 1, 0}, 2));
        assertTrue(e.getMessage().contains("example 2") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void rejectsLabelOutOfRangeNamingTheExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArrayDataset(Shape.of(1), new float[]{0, 1, 2}, new int[]{0, 1, 2}, 2));
        assertTrue(e.getMessage().contains("example 2") && e.getMessage().contains("label 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ArrayDataset(Shape.of(1), new float[]{0}, new int[]{-1}, 2));
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> new ArrayDataset(Shape.of(2), new float[5], new int[3], 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayDataset.of(Shape.of(2), new float[][]{{1, 2}, {3}}, new int[]{0, 1}, 2));
        assertTrue(e.getMessage().contains("example 1"), e.getMessage());
    }

    @Test
    void subsetViewsChosenExamples() {
        ArrayDataset d = new ArrayDataset(Shape.of(1), new float[]{10, 11, 12, 13}, new int[]{0, 1, 0, 1}, 2);
        Dataset s = d.subset(3, 0);
        assertEquals(2, s.size());
        float[] dst = new float[1];
        s.copyInput(0, dst, 0);
        assertEquals(13, dst[0]);
        assertEquals(1, s.label(0));
        assertEquals(0, s.label(1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(4));
    }
}
