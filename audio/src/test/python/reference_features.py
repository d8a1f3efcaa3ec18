#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent float64 reference for convkit's audio front end (org.convkit.audio.features).

Everything here is written from the textbook definitions with numpy only (no librosa, no
scipy) so that the Java implementation is checked against an independent computation:

  * mel scales: Slaney (Auditory Toolbox: linear 200/3 Hz per mel below 1 kHz, logarithmic
    with step ln(6.4)/27 above) and HTK (2595 * log10(1 + f/700));
  * triangular filters between mel-spaced edge frequencies, evaluated at the FFT bin
    frequencies k * sr / n_fft, optionally area-normalised by 2 / (f[m+2] - f[m]) (Slaney);
  * centre-padded framing (n_fft/2 samples of zero or reflect padding at both ends, frame t
    starts at t*hop in the padded signal), a periodic Hann window of win_length samples
    centred in the n_fft frame, a direct DFT (the matrix sum, not an FFT), |X|^2 or |X|;
  * log(x + offset) or scale*log10(max(x, amin)) with an optional top_db clamp below the
    utterance maximum;
  * DCT-II, orthonormal or unnormalised (2 * sum, the scipy norm=None convention);
  * per-utterance mean/variance normalisation per coefficient.

The deterministic test signal (zeros, then two sines and LCG noise) is reproduced exactly in
Java by NumpyReferenceTest.testSignal().

Run:  /usr/bin/python3 audio/src/test/python/reference_features.py > \
        audio/src/test/java/org/convkit/audio/features/NumpyReference.java
"""
import math
import sys

import numpy as np

SR = 16000


def lcg_noise(n, seed):
    """Numerical Recipes LCG, state' = 1664525*state + 1013904223 mod 2^32; the top 24 bits
    scaled to [-1, 1) so that every value is exact in float32 and float64."""
    out = np.empty(n, dtype=np.float64)
    s = seed
    for i in range(n):
        s = (1664525 * s + 1013904223) & 0xFFFFFFFF
        out[i] = ((s >> 8) / 16777216.0) * 2.0 - 1.0
    return out


def test_signal(n=16000):
    t = np.arange(n, dtype=np.float64)
    x = (0.4 * np.sin(2 * np.pi * 440 * t / SR)
         + 0.2 * (t / n) * np.sin(2 * np.pi * 1000 * t / SR + 0.3)
         + 0.05 * lcg_noise(n, 12345))
    x[:2400] = 0.0  # 150 ms of digital silence: exercises the log floor and top_db
    return x.astype(np.float32)


# ---- mel scales ------------------------------------------------------------------------
def hz_to_mel(f, scale):
    if scale == "htk":
        return 2595.0 * math.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3.0
    logstep = math.log(6.4) / 27.0
    if f < 1000.0:
        return f / f_sp
    return 1000.0 / f_sp + math.log(f / 1000.0) / logstep


def mel_to_hz(m, scale):
    if scale == "htk":
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3.0
    logstep = math.log(6.4) / 27.0
    if m < 1000.0 / f_sp:
        return f_sp * m
    return 1000.0 * math.exp(logstep * (m - 1000.0 / f_sp))


def filterbank(sr, n_fft, n_mels, fmin, fmax, scale, norm):
    lo_mel, hi_mel = hz_to_mel(fmin, scale), hz_to_mel(fmax, scale)
    edges = [mel_to_hz(lo_mel + (hi_mel - lo_mel) * i / (n_mels + 1), scale)
             for i in range(n_mels + 2)]
    w = np.zeros((n_mels, n_fft // 2 + 1))
    for m in range(n_mels):
        lo, c, hi = edges[m], edges[m + 1], edges[m + 2]
        for k in range(n_fft // 2 + 1):
            f = k * sr / n_fft
            rise = (f - lo) / (c - lo)
            fall = (hi - f) / (hi - c)
            w[m, k] = max(0.0, min(rise, fall))
        if norm == "slaney":
            w[m] *= 2.0 / (hi - lo)
    return w


# ---- spectrum ------------------------------------------------------------------------------
def spectra(x, n_fft, win, hop, pad_mode, spectrum):
    x = x.astype(np.float64)
    pad = n_fft // 2
    xp = np.pad(x, pad, mode="constant" if pad_mode == "zero" else "reflect")
    n_frames = 1 + len(x) // hop
    window = np.zeros(n_fft)
    off = (n_fft - win) // 2
    window[off:off + win] = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(win) / win)
    n = np.arange(n_fft)
    k = np.arange(n_fft // 2 + 1)
    dft = np.exp(-2j * np.pi * np.outer(k, n) / n_fft)  # X[k] = sum_n x[n] e^{-2 pi i k n / N}
    out = np.empty((n_frames, n_fft // 2 + 1))
    for t in range(n_frames):
        frame = xp[t * hop:t * hop + n_fft] * window
        X = dft @ frame
        assert np.allclose(X, np.fft.rfft(frame), atol=1e-9)
        mag = np.abs(X)
        out[t] = mag ** 2 if spectrum == "power" else mag
    return out


def dct2(v, n_out, ortho):
    n = len(v)
    out = np.empty(n_out)
    for k in range(n_out):
        s = sum(v[i] * math.cos(math.pi * k * (2 * i + 1) / (2 * n)) for i in range(n))
        if ortho:
            out[k] = s * (math.sqrt(1.0 / n) if k == 0 else math.sqrt(2.0 / n))
        else:
            out[k] = 2.0 * s
    return out


def features(cfg, x):
    fb = filterbank(SR, cfg["n_fft"], cfg["n_mels"], cfg["fmin"], cfg["fmax"], cfg["scale"], cfg["norm"])
    S = spectra(x, cfg["n_fft"], cfg["win"], cfg["hop"], cfg["pad"], cfg["spectrum"])
    mel = S @ fb.T
    if cfg["log"] == "offset":
        logmel = np.log(mel + cfg["offset"])
    else:
        scale = 10.0 if cfg["spectrum"] == "power" else 20.0
        logmel = scale * np.log10(np.maximum(mel, cfg["amin"]))
        if cfg["top_db"] > 0:
            logmel = np.maximum(logmel, logmel.max() - cfg["top_db"])
    mfcc = np.array([dct2(row, cfg["n_mfcc"], cfg["ortho"]) for row in logmel])
    return fb, logmel, mfcc


def per_utterance(m):
    mean = m.mean(axis=0)
    var = ((m - mean) ** 2).mean(axis=0)
    return (m - mean) / np.sqrt(var + 1e-10)


DEFAULT = dict(n_fft=512, win=480, hop=160, n_mels=40, n_mfcc=40, fmin=20.0, fmax=4000.0,
               scale="slaney", norm="slaney", spectrum="power", log="offset", offset=1e-6,
               amin=1e-10, top_db=0.0, ortho=True, pad="zero")
LIBROSA = dict(DEFAULT, win=512, n_mfcc=20, log="db", top_db=80.0)
HTK = dict(n_fft=512, win=400, hop=160, n_mels=26, n_mfcc=13, fmin=0.0, fmax=8000.0,
           scale="htk", norm="none", spectrum="magnitude", log="db", offset=0.0, amin=1e-5,
           top_db=0.0, ortho=False, pad="reflect")


def jdouble(v):
    r = repr(float(v))
    return r if ("e" in r or "." in r or "n" in r) else r + ".0"


def jarray1(vals):
    return "{" + ", ".join(jdouble(v) for v in vals) + "}"


def emit_frames(name, matrix, frames):
    print(f"    static final int[] {name}_FRAMES = {{{', '.join(str(f) for f in frames)}}};")
    print(f"    static final double[][] {name} = {{")
    for f in frames:
        print(f"        {jarray1(matrix[f])},")
    print("    };")


def emit_filter_rows(name, fb, bands):
    """Each row: band, first bin, then the weights from that bin up to the last non-zero bin."""
    print(f"    static final double[][] {name} = {{")
    for b in bands:
        nz = np.nonzero(fb[b])[0]
        lo, hi = nz[0], nz[-1]
        print(f"        {{{b}, {lo}, {', '.join(jdouble(v) for v in fb[b, lo:hi + 1])}}},")
    print("    };")


def main():
    x = test_signal()
    d_fb, d_logmel, d_mfcc = features(DEFAULT, x)
    l_fb, l_logmel, l_mfcc = features(LIBROSA, x)
    h_fb, h_logmel, h_mfcc = features(HTK, x)
    d_mfcc_norm = per_utterance(d_mfcc)
    assert d_logmel.shape == (101, 40) and h_mfcc.shape == (101, 13)

    out = sys.stdout
    print("// SPDX-License-Identifier: GPL-3.0-or-later")
    print("// GENERATED by audio/src/test/python/reference_features.py (numpy " + np.__version__ + ").")
    print("// Do not edit: rerun the script instead.")
    print("package org.convkit.audio.features;")
    print()
    print("/** Float64 numpy reference values for the front-end tests (see reference_features.py). */")
    print("final class NumpyReference {")
    print("    private NumpyReference() {")
    print("    }")
    print()
    print("    /** First 8 samples after the silent prefix, as float32, to check the signal generator. */")
    print(f"    static final double[] SIGNAL_2400_2408 = {jarray1(x[2400:2408])};")
    print(f"    static final double SIGNAL_SUM = {jdouble(np.sum(x.astype(np.float64)))};")
    print()
    print("    // Mel conversions (Slaney, HTK) of 20, 1000 and 4000 Hz.")
    print(f"    static final double[] SLANEY_MEL_20_1000_4000 = {jarray1([hz_to_mel(f, 'slaney') for f in (20, 1000, 4000)])};")
    print(f"    static final double[] HTK_MEL_20_1000_4000 = {jarray1([hz_to_mel(f, 'htk') for f in (20, 1000, 4000)])};")
    print()
    print("    // Filterbank rows: {band, first non-zero bin, weights...}.")
    emit_filter_rows("DEFAULT_FILTER_ROWS", d_fb, [0, 1, 16, 39])
    emit_filter_rows("HTK_FILTER_ROWS", h_fb, [0, 1, 12, 25])
    print()
    print("    // Defaults: Slaney mel + Slaney norm, power, ln(x + 1e-6), orthonormal DCT, zero padding.")
    emit_frames("DEFAULT_LOGMEL", d_logmel, [0, 15, 16, 50, 100])
    emit_frames("DEFAULT_MFCC", d_mfcc, [0, 15, 50, 100])
    emit_frames("DEFAULT_MFCC_PER_UTTERANCE", d_mfcc_norm, [0, 50, 100])
    print()
    print("    // librosa-compatible: as defaults but win 512, 20 MFCC, 10*log10(max(x, 1e-10)), top_db 80.")
    print(f"    static final double LIBROSA_LOGMEL_MAX = {jdouble(l_logmel.max())};")
    emit_frames("LIBROSA_LOGMEL", l_logmel, [0, 15, 50])
    emit_frames("LIBROSA_MFCC", l_mfcc, [0, 50])
    print()
    print("    // HTK: HTK mel, 26 bands 0-8000 Hz, no norm, magnitude, 20*log10(max(x, 1e-5)),")
    print("    // unnormalised DCT (2*sum), 13 cepstra, win 400, reflect padding.")
    emit_frames("HTK_LOGMEL", h_logmel, [0, 1, 50, 100])
    emit_frames("HTK_MFCC", h_mfcc, [0, 1, 50, 100])
    print("}")


if __name__ == "__main__":
    main()
