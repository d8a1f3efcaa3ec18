package org.convkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.convkit.nn.Model;
import org.convkit.nn.ModelSpec;

/**
 * A model read back by {@link ModelFile#load}.
 *
 * @param model          the runnable model, with every saved parameter (running statistics included)
 * @param spec           its architecture (the same object as {@code model.spec()})
 * @param metadata       the JSON object the domain module saved with it (labels, features, training settings, metrics...)
 * @param formatVersion  the file's {@code format_version}
 * @param convkitVersion the convkit release that wrote the file
 */
public record SavedModel(Model model, ModelSpec spec, JsonNode metadata, int formatVersion, String convkitVersion) {
}
