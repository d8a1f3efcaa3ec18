package org.convkit.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalToolTest {

    @Test
    void namesThePackageToInstallWhenTheProgramIsMissing() {
        ExternalTool missing = new ExternalTool("convkit-no-such-program", "apt-get install convkit-no-such-package");
        ExternalTool.ToolException e = assertThrows(ExternalTool.ToolException.class,
            () -> missing.run(List.of("--version"), null, Duration.ofSeconds(5)));
        assertEquals("convkit-no-such-program not found: apt-get install convkit-no-such-package", e.getMessage());
        assertFalse(missing.isAvailable("--version"));
    }

    @Test
    void capturesStandardOutput() {
        ExternalTool sh = new ExternalTool("sh", "apt-get install dash");
        ExternalTool.Result r = sh.run(List.of("-c", "printf 'a b'; printf warn >&2"), null, Duration.ofSeconds(10));
        assertEquals("a b", r.stdoutText());
        assertEquals("warn", r.stderr());
        assertTrue(sh.isAvailable("-c"));
    }

    @Test
    void reportsExitStatusAndStandardError() {
        ExternalTool sh = new ExternalTool("sh", "apt-get install dash");
        ExternalTool.ToolException e = assertThrows(ExternalTool.ToolException.class,
            () -> sh.run(List.of("-c", "echo broken input >&2; exit 3"), null, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("exited with status 3: broken input"), e.getMessage());
        assertEquals(3, sh.runAnyExit(List.of("-c", "exit 3"), null, Duration.ofSeconds(10)).exitCode());
    }

    @Test
    void killsAProgramThatRunsTooLong() {
        ExternalTool sleep = new ExternalTool("sleep", "apt-get install coreutils");
        long start = System.nanoTime();
        ExternalTool.ToolException e = assertThrows(ExternalTool.ToolException.class,
            () -> sleep.run(List.of("20"), null, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void givesTheProgramNoStandardInput() {
        ExternalTool cat = new ExternalTool("cat", "apt-get install coreutils");
        assertEquals("", cat.run(List.of(), null, Duration.ofSeconds(10)).stdoutText());
    }
}
