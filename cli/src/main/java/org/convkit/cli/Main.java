package org.convkit.cli;

import org.convkit.examples.FashionMnistExample;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code convkit} command line. Each command parses its own options; a bad invocation prints
 * one clear line and exits with status 2.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(usage());
            return 0;
        }
        String cmd = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        // Ctrl-C: stop any training after its current batch, let it restore its best weights, and let
        // this command finish saving them before the JVM halts (it halts when the hook returns).
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                if (org.convkit.train.Trainer.stopAllAndAwait(60_000)) finished.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return dispatch(cmd, rest, out, err);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down; the hook is waiting for the latch released above
            }
        }
    }

    private static int dispatch(String cmd, List<String> rest, PrintStream out, PrintStream err) {
        try {
            return switch (cmd) {
                case "demo" -> DemoCommand.run(rest, out);
                case "fashion-mnist" -> fashionMnist(rest, out);
                case "summary" -> SummaryCommand.run(rest, out);
                case "bench" -> org.convkit.bench.WorkloadBenchmark.run(rest.toArray(String[]::new), out);
                case "kws" -> KwsCommand.run(rest, out, err);
                case "text" -> TextCommand.run(rest, System.in, out);
                case "corpus" -> corpus(rest, out, err);
                default -> {
                    err.println("convkit: unknown command '" + cmd + "'; run 'convkit help' for the list");
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("convkit " + cmd + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("convkit " + cmd + ": " + e.getMessage());
            return 1;
        }
    }

    private static int corpus(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(0).equals("help")) {
            out.print("""
                    usage: convkit corpus [--data-dir DIR] COMMAND [options]
                      synth [--out DIR] [--words a,b,c] [--speakers N] [--seed N] [--threads N]
                             build (or reuse) the synthetic keyword corpus in Speech Commands layout with
                             espeak-ng and flite. Defaults: the 10 keywords of the 12-class task plus 10
                             filler words, 60 speakers (0 = every voice), seed 2018, 2 processes, written
                             to DATA/synthetic-keywords-<hash of the settings>
                      fetch NAME   fetch and convert a real dataset: reuters, spamassassin, glove-100d
                      stats DIR    counts per label, speaker and split of a corpus folder
                      --data-dir DIR   where corpora are cached (default: $CONVKIT_DATA or ~/.convkit/data)
                    """);
            return 0;
        }
        return org.convkit.corpora.CorporaMain.run(args.toArray(String[]::new), out, err);
    }

    static String usage() {
        return """
                convkit: convolutional neural networks on speech and text

                Commands:
                  demo            the main job on built-in defaults: a keyword spotter and a sentence
                                  classifier trained, evaluated and reported (a few minutes)
                  fashion-mnist   train and test the Keras-example-style CNN on Fashion-MNIST
                  kws             train | eval | detect | listen: keyword spotting on spectrograms
                  text            train | eval | predict: sentence classification with Kim's CNN
                  corpus          synth | fetch NAME | stats DIR: build the synthetic keyword corpus,
                                  fetch a real dataset (reuters, spamassassin, glove-100d), count a corpus
                  bench           the reference workloads (shared/bench/WORKLOADS.md), one JSON line each
                  summary MODEL   architecture, parameters, multiply-adds and stored settings of a model file
                  help            this text; every command takes --help

                """;
    }

    private static int fashionMnist(List<String> args, PrintStream out) throws Exception {
        FashionMnistExample.Settings d = FashionMnistExample.Settings.defaults();
        Options o = new Options("fashion-mnist", args)
                .describe("--data-dir", "folder with the four Fashion-MNIST IDX files", d.dataDir().toString())
                .describe("--epochs", "training epochs", Integer.toString(d.epochs()))
                .describe("--batch", "mini-batch size", Integer.toString(d.batchSize()))
                .describe("--lr", "Adam learning rate", Double.toString(d.learningRate()))
                .describe("--validation", "training images held out for choosing the best epoch", Integer.toString(d.validationSize()))
                .describe("--seed", "seed for weights, shuffling, dropout and the split", Long.toString(d.seed()))
                .describe("--threads", "worker threads", Integer.toString(d.threads()))
                .describe("--out", "save the trained model to this file", "(not saved)")
                .flag("--json", "print progress and the result as JSON lines");
        if (o.help()) {
            out.print(o.usage("Trains a small CNN on Fashion-MNIST and reports test accuracy and time."));
            return 0;
        }
        FashionMnistExample.Settings s = new FashionMnistExample.Settings(
                Path.of(o.get("--data-dir")), o.getInt("--epochs", 1, 1000), o.getInt("--batch", 1, 65536),
                o.getDouble("--lr"), o.getInt("--validation", 1, 59999), o.getLong("--seed"),
                o.getInt("--threads", 1, 1024), o.has("--out") ? Path.of(o.get("--out")) : null, o.isSet("--json"));
        FashionMnistExample.run(s, out);
        return 0;
    }
}
