package org.convkit.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's command line, its median, and a quick run printing one well-formed JSON line. */
class WorkloadBenchmarkTest {

    @Test
    void parsesOptionsAndRejectsBadOnes() {
        WorkloadBenchmark.Options o = WorkloadBenchmark.parse(new String[]{"--workload", "text-kim", "--threads", "3", "--quick"});
        assertEquals("text-kim", o.workload());
        assertEquals(3, o.threads());
        assertTrue(o.quick());
        assertEquals("all", WorkloadBenchmark.parse(new String[0]).workload());
        assertThrows(IllegalArgumentException.class, () -> WorkloadBenchmark.parse(new String[]{"--workload", "w9"}));
        assertThrows(IllegalArgumentException.class, () -> WorkloadBenchmark.parse(new String[]{"--threads", "0"}));
        assertThrows(IllegalArgumentException.class, () -> WorkloadBenchmark.parse(new String[]{"--threads"}));
        assertThrows(IllegalArgumentException.class, () -> WorkloadBenchmark.parse(new String[]{"--frobnicate"}));
        assertEquals(2, WorkloadBenchmark.run(new String[]{"--threads", "x"}, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, WorkloadBenchmark.median(new double[]{3, 1, 2}));
        assertEquals(2.5, WorkloadBenchmark.median(new double[]{4, 1, 2, 3}));
    }

    @Test
    void quickRunPrintsOneJsonLineWithTheSpecFields() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = WorkloadBenchmark.run(new String[]{"--workload", "text-kim", "--quick", "--threads", "2"},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(1, lines.length);
        String j = lines[0];
        assertTrue(j.startsWith("{\"workload\":\"text-kim\",\"impl\":\"convkit\",\"threads\":2,"), j);
        for (String f : new String[]{"train_examples_per_s", "infer_b64_examples_per_s", "infer_b1_ms", "peak_rss_mb"}) {
            assertTrue(j.matches(".*\"" + f + "\":[0-9]+(\\.[0-9]+)?[,}].*"), f + " in " + j);
        }
        // Kim's CNN: 5,990,402 trainable parameters and 19,020,600 multiply-adds (PyTorch's counts)
        assertTrue(j.contains("\"params\":5990402") && j.contains("\"forward_macs\":19020600"), j);
    }
}
