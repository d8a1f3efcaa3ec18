/**
 * {@link org.convkit.audio.cache.FeatureCache}: features of unaugmented clips kept across epochs,
 * in memory (LRU bounded in bytes) and optionally on disk.
 */
package org.convkit.audio.cache;
