package org.convkit.audio.io;

/** Sample encodings {@link WavWriter} can write. */
public enum WavEncoding {
    /** 8-bit unsigned PCM (format 1): round(x * 128) + 128, clipped to [0, 255]. */
    PCM_8(8, 1),
    /** 16-bit signed PCM (format 1): round(x * 32768), clipped to [-32768, 32767]. */
    PCM_16(16, 1),
    /** 24-bit signed PCM (format 1): round(x * 2^23), clipped to [-2^23, 2^23 - 1]. */
    PCM_24(24, 1),
    /** 32-bit signed PCM (format 1): round(x * 2^31), clipped to [-2^31, 2^31 - 1]. */
    PCM_32(32, 1),
    /** 32-bit IEEE float (format 3): the samples as they are, not clipped. */
    FLOAT_32(32, 3);

    private final int bits;
    private final int formatTag;

    WavEncoding(int bits, int formatTag) {
        this.bits = bits;
        this.formatTag = formatTag;
    }

    /**
     * Bits per sample.
     *
     * @return 8, 16, 24 or 32
     */
    public int bits() {
        return bits;
    }

    int formatTag() {
        return formatTag;
    }
}
