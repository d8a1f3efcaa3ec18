package org.convkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.io.ConvkitJson;
import org.convkit.io.ModelFile;
import org.convkit.io.SavedModel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code convkit summary MODEL}: architecture, parameters, multiply-adds and what the file records. */
final class SummaryCommand {
    private SummaryCommand() {
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        Options o = new Options("summary", args).flag("--json", "print one JSON object");
        if (o.help()) {
            out.print(o.usage("Shows a model file: its layers, output shapes, parameters and multiply-adds, and the\n"
                    + "labels, preprocessing, training settings, results and provenance stored with it.\n"
                    + "usage: convkit summary MODEL [--json]"));
            return 0;
        }
        if (o.positional().size() != 1) throw new UsageException("expects one model file, got " + o.positional().size());
        Path file = Path.of(o.positional().get(0));
        if (!Files.isRegularFile(file)) throw new UsageException("model file " + file + " not found");
        SavedModel saved = ModelFile.load(file);
        if (o.isSet("--json")) {
            ObjectNode n = ConvkitJson.mapper().createObjectNode();
            n.put("file", file.toString());
            n.put("format_version", saved.formatVersion());
            n.put("convkit_version", saved.convkitVersion());
            n.put("trainable_parameters", saved.model().trainableParameterCount());
            n.put("forward_macs", saved.model().macs());
            n.set("architecture", ConvkitJson.mapper().valueToTree(saved.spec()));
            n.set("metadata", saved.metadata());
            out.println(ConvkitJson.mapper().writeValueAsString(n));
            return 0;
        }
        out.println("File: " + file + " (convkit model format " + saved.formatVersion() + ", written by convkit "
                + saved.convkitVersion() + ")");
        out.print(saved.model().summary());
        if (saved.metadata() != null && !saved.metadata().isEmpty()) {
            out.println();
            out.println("Stored with the model:");
            out.println(ConvkitJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(saved.metadata()));
        }
        return 0;
    }
}
