package org.convkit.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration convkit uses for settings records, architectures and file
 * metadata, so that what one module writes every other module reads the same way.
 *
 * <p>Choices, and why:
 * <ul>
 *   <li><b>Unknown properties are errors</b> ({@code FAIL_ON_UNKNOWN_PROPERTIES} stays on). A
 *       misspelt setting in a config file, or an option written by a newer convkit that this one
 *       does not know, would otherwise be dropped silently and the layer built with a default: a
 *       different model than the one described. Jackson's message names the property and the
 *       record.</li>
 *   <li><b>Null for a primitive is an error</b> ({@code FAIL_ON_NULL_FOR_PRIMITIVES}): {@code
 *       "filters": null} must not become 0. A property left out entirely still takes Java's
 *       default (0 / false), which each record's constructor then checks.</li>
 *   <li><b>Duplicate keys are errors</b> ({@code STRICT_DUPLICATE_DETECTION}): with two values for
 *       one key, which one wins is a guess.</li>
 *   <li><b>Trailing content is an error</b> ({@code FAIL_ON_TRAILING_TOKENS}): a truncated or
 *       concatenated document is not silently read up to its first value.</li>
 *   <li><b>Deterministic output</b>: record properties are written in component order (fixed by
 *       the record declaration, and the order a reader expects), map entries sorted by key
 *       ({@code ORDER_MAP_ENTRIES_BY_KEYS}), so a hash map's iteration order never reaches a file.
 *       {@link com.fasterxml.jackson.databind.node.ObjectNode}s keep their insertion order.
 *       Output is compact; use {@code writerWithDefaultPrettyPrinter()} for files people edit.</li>
 *   <li>Empty records ({@code Relu()}, {@code Flatten()}) serialise to just their type tag
 *       ({@code FAIL_ON_EMPTY_BEANS} off).</li>
 * </ul>
 * Records are read through their canonical constructors, so each record's own validation runs on
 * every value read from JSON.
 */
public final class ConvkitJson {

    private ConvkitJson() {
    }

    /**
     * A new mapper with the configuration above. Each call builds a fresh instance, so a caller may
     * reconfigure its own copy without affecting anyone else. A mapper's caches warm up with use,
     * so keep the instance rather than calling this per value.
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // A field left out of hand-written settings is an error, never a silent 0 or false.
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }
}
