package org.convkit.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void optionBeatsEnvironmentBeatsHome() {
        Map<String, String> env = Map.of("CONVKIT_DATA", "/srv/env-data");
        assertEquals(Path.of("/opt/cli-data"), DataDirectory.resolve("/opt/cli-data", env, "/home/u"));
        assertEquals(Path.of("/srv/env-data"), DataDirectory.resolve(null, env, "/home/u"));
        assertEquals(Path.of("/home/u/.convkit/data"), DataDirectory.resolve(null, Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.convkit/data"), DataDirectory.resolve(" ", Map.of("CONVKIT_DATA", ""), "/home/u"));
    }
}
