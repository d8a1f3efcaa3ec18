package org.convkit.nn;

import org.convkit.tensor.Shape;

/**
 * A learned parameter a layer asks for: its name within the layer ({@code weight}, {@code bias}),
 * its shape, how it is initialised, its fan-in and fan-out for the initialiser, and whether the
 * optimiser updates it.
 */
public record ParamSpec(String name, Shape shape, Init init, int fanIn, int fanOut, boolean trainable) {
}
