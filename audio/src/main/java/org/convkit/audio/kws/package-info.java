/**
 * Keyword spotting: the model zoo ({@link org.convkit.audio.kws.KwsModels}: cnn-trad-pool2,
 * cnn-one-fstride4, res8, res8-narrow, res15, ds-cnn-s), training on any corpus of
 * {@code org.convkit.corpora} with augmentation and early stopping
 * ({@link org.convkit.audio.kws.KwsTrainer}), saved models that carry their front end
 * ({@link org.convkit.audio.kws.KwsModel}) and evaluation reports
 * ({@link org.convkit.audio.kws.KwsEvaluator}). See {@code audio/KWS.md}.
 */
package org.convkit.audio.kws;
