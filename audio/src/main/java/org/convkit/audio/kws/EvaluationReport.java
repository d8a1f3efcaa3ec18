package org.convkit.audio.kws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classification figures of a model on one split: accuracy (computed with Smile's
 * {@code smile.validation.metric.Accuracy}), per-class precision, recall and F1 from the
 * confusion matrix, and macro-averaged F1 (the unweighted mean of the per-class F1 over the classes
 * that have examples or predictions).
 *
 * @param model     zoo name of the model
 * @param split     split name ({@code test}, {@code validation}, {@code train})
 * @param examples  number of examples
 * @param accuracy  fraction classified correctly
 * @param macroF1   macro-averaged F1
 * @param loss      mean cross-entropy
 * @param labels    class labels, index = class id
 * @param perClass  label to figures, in label order
 * @param confusion counts [true class][predicted class]
 */
public record EvaluationReport(String model, String split, int examples, double accuracy, double macroF1, double loss,
                               List<String> labels, Map<String, ClassMetrics> perClass, long[][] confusion) {

    /** Copies the collections. */
    public EvaluationReport {
        labels = List.copyOf(labels);
        perClass = Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        confusion = c;
    }

    /**
     * The JSON form: {@code model}, {@code split}, {@code examples}, {@code accuracy},
     * {@code macro_f1}, {@code loss}, {@code labels}, {@code per_class} (label to
     * {@code precision}/{@code recall}/{@code f1}/{@code support}) and {@code confusion} (rows = true
     * class, columns = predicted class, in label order).
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", model);
        o.put("split", split);
        o.put("examples", examples);
        o.put("accuracy", accuracy);
        o.put("macro_f1", macroF1);
        o.put("loss", loss);
        ArrayNode l = o.putArray("labels");
        labels.forEach(l::add);
        ObjectNode pc = o.putObject("per_class");
        perClass.forEach((k, v) -> {
            ObjectNode c = pc.putObject(k);
            c.put("precision", v.precision());
            c.put("recall", v.recall());
            c.put("f1", v.f1());
            c.put("support", v.support());
        });
        ArrayNode conf = o.putArray("confusion");
        for (long[] row : confusion) {
            ArrayNode r = conf.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        return o;
    }

    /**
     * A readable table: accuracy, macro F1, per-class figures and the confusion matrix.
     *
     * @return the text
     */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s on %s (%d examples): accuracy %.2f%%, macro F1 %.4f, loss %.4f%n",
                model, split, examples, 100 * accuracy, macroF1, loss));
        b.append(String.format(Locale.ROOT, "%-12s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support"));
        perClass.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %8d%n", k,
                v.precision(), v.recall(), v.f1(), v.support())));
        b.append("confusion (rows: true, columns: predicted, in label order)\n");
        for (int i = 0; i < confusion.length; i++) {
            b.append(String.format(Locale.ROOT, "%-12s", labels.get(i)));
            for (long v : confusion[i]) {
                b.append(String.format(Locale.ROOT, " %4d", v));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
