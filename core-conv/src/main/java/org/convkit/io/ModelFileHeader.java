package org.convkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.convkit.nn.ModelSpec;

/**
 * What a model file's header says, read without the weights ({@link ModelFile#readHeader}), e.g. to
 * show a model's architecture, labels and metrics.
 *
 * @param spec           the architecture
 * @param seed           the seed the model was created with
 * @param formatVersion  the file's {@code format_version}
 * @param convkitVersion the convkit release that wrote the file
 * @param metadata       the JSON object the domain module saved with it
 */
public record ModelFileHeader(ModelSpec spec, long seed, int formatVersion, String convkitVersion, JsonNode metadata) {
}
