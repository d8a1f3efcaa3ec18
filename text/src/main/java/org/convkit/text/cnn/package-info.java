/**
 * Kim (2014)'s convolutional network for sentence classification: the architecture settings
 * ({@link org.convkit.text.cnn.KimCnn}, {@link org.convkit.text.cnn.EmbeddingMode}), the training
 * settings and loop ({@link org.convkit.text.cnn.KimTrainingSettings},
 * {@link org.convkit.text.cnn.KimCnnTrainer}), word-vector initialisation from pretrained vectors
 * ({@link org.convkit.text.cnn.PretrainedEmbeddings}), and the trained, savable, thread-safe
 * classifier ({@link org.convkit.text.cnn.KimClassifier}).
 */
package org.convkit.text.cnn;
