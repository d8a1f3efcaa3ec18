/**
 * Persistence: one-file models ({@link org.convkit.io.ModelFile}) and training checkpoints
 * ({@link org.convkit.io.Checkpoint}) in the safetensors layout, the shared JSON configuration
 * ({@link org.convkit.io.ConvkitJson}) and atomic file writes ({@link org.convkit.io.AtomicFile}).
 */
package org.convkit.io;
