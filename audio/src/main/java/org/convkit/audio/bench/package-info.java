/** Benchmark entry points (plain {@code main} methods, not tests). */
package org.convkit.audio.bench;
