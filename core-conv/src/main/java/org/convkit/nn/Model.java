package org.convkit.nn;

import org.convkit.ops.ChannelNorm;
import org.convkit.ops.Conv2dKernel;
import org.convkit.ops.Im2colConv2dKernel;
import org.convkit.tensor.Shape;
import org.convkit.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A runnable model: an architecture ({@link ModelSpec}) with its parameters and the buffers of
 * a forward and backward pass. Buffers are sized for the largest batch seen and reused, so a
 * training loop allocates nothing per step once warmed up. Values no backward pass reads share
 * buffers once the forward pass is past them, gradients share a few buffers (see
 * {@link GradientPlan}), and a convolution read only by a ReLU runs fused with it. An inference
 * batch larger than any trained on runs on buffers of its own in which nothing is kept for a
 * backward pass, so it costs a few maps' worth of memory, not every layer's. Inference on one to
 * three examples keeps each Winograd layer's transformed filters until its weights change
 * ({@link Parameter#markChanged}); for the AlphaGo policy network that is 26 MB. Inference on the
 * lean buffers runs a batch normalisation read only by a convolution inside that convolution's
 * input copy and a residual sum of a convolution's ReLU output inside its output copy, and, on one
 * to three examples, hands maps from one Winograd layer to the next channels-last; the output has
 * the bits of the layers run one by one.
 *
 * <p>Not thread-safe: one model runs one batch at a time (use {@link #copy()} for another thread).
 */
public final class Model {
    private final ModelSpec spec;
    private final long seed;
    private final Conv2dKernel kernel;
    private final Map<String, Shape> shapes;
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final List<LayerRuntime> runtimes = new ArrayList<>();
    private final int[][] sources;          // per node: indices into values (inputs first, then nodes)
    private final Shape[] valueShapes;      // inputs then nodes
    private final int outputIndex;
    private final int inputCount;
    private final long macs;

    private final int[] actAlias;           // per value: the value whose buffer it shares (itself unless fused)
    private final Tensor[][] insOf;         // per node: its input views, refilled each pass
    private final Tensor[][] dInOf;         // per node: the gradient views handed to backward
    private final GrowableBuffer convChunks = new GrowableBuffer();
    private final Activations trainingActs;   // the buffers of training passes and of backward
    private final Activations inferenceActs;  // the buffers of inference passes

    private boolean lastOnInference;          // the last forward pass ran on the inference buffers
    private boolean inputGradients;
    private boolean lastTraining;

    // Gradient buffers: a value's gradient lives from the backward step of its last reader to its
    // own backward step, so a few slots, planned once from the graph, serve every value.
    private GradientPlan plan;
    private boolean planInputGradients;
    private float[][] slotData;
    private int slotBatch;
    private Tensor[] gradView;
    private Tensor[][] scratchView;

    private Model(ModelSpec spec, long seed, Conv2dKernel kernel) {
        this.spec = spec;
        this.seed = seed;
        this.kernel = kernel;
        this.shapes = spec.shapes();
        this.inputCount = spec.inputs().size();
        int total = inputCount + spec.nodes().size();
        this.valueShapes = new Shape[total];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < inputCount; i++) {
            index.put(spec.inputs().get(i).name(), i);
            valueShapes[i] = spec.inputs().get(i).shape();
        }
        this.sources = new int[spec.nodes().size()][];
        this.actAlias = new int[total];
        for (int v = 0; v < total; v++) actAlias[v] = v;
        this.insOf = new Tensor[spec.nodes().size()][];
        this.dInOf = new Tensor[spec.nodes().size()][];
        long m = 0;
        for (int j = 0; j < spec.nodes().size(); j++) {
            NodeSpec n = spec.nodes().get(j);
            index.put(n.name(), inputCount + j);
            valueShapes[inputCount + j] = shapes.get(n.name());
            sources[j] = n.inputs().stream().mapToInt(index::get).toArray();
            insOf[j] = new Tensor[sources[j].length];
            dInOf[j] = new Tensor[sources[j].length];
            List<Shape> ins = ModelSpec.inputShapes(n, shapes);
            m += n.layer().macs(ins);
            int relu = fusableRelu(spec, j);
            if (relu >= 0) actAlias[inputCount + j] = inputCount + relu;
            runtimes.add(createRuntime(n, ins, relu >= 0));
        }
        this.macs = m;
        this.outputIndex = index.get(spec.output());
        this.trainingActs = new Activations(ActivationPlan.of(sources, valueShapes, inputCount, outputIndex, actAlias,
                runtimes, true));
        // in lean inference passes a dropout is the identity and a flatten or reshape keeps the
        // data's order: their outputs are views of their inputs' buffers
        int[] inferenceAlias = actAlias.clone();
        for (int j = 0; j < sources.length; j++) {
            int v = inputCount + j;
            LayerSpec layer = spec.nodes().get(j).layer();
            boolean identity = layer instanceof Dropout || layer instanceof Flatten || layer instanceof Reshape;
            if (identity && sources[j][0] >= inputCount && v != outputIndex) {
                inferenceAlias[v] = inferenceAlias[sources[j][0]];
            }
        }
        this.leanSkip = new boolean[sources.length];
        this.leanNorm = new int[sources.length];
        this.leanAddend = new int[sources.length];
        java.util.Arrays.fill(leanNorm, -1);
        java.util.Arrays.fill(leanAddend, -1);
        planLeanFusions(inferenceAlias);
        this.leanLayout = planChannelsLast(inferenceAlias);
        this.inferenceActs = new Activations(ActivationPlan.of(sources, valueShapes, inputCount, outputIndex,
                inferenceAlias, runtimes, false));
    }

    // Lean passes (inference with no backward pass to follow) run some nodes inside the layer next
    // to them: per node, whether it is skipped; per convolution or pooling node, the batch
    // normalisation node whose formula it applies to its input; per convolution node, the value it
    // adds to its output (-1: none).
    private final boolean[] leanSkip;
    private final int[] leanNorm;
    private final int[] leanAddend;
    // per convolution and pooling node, the layout flags of lean passes of at most
    // ConvRuntime.CACHED_MAX_BATCH examples (Conv2dKernel.INPUT_CHANNELS_LAST and the others)
    private final int[] leanLayout;

    /** The number of nodes lean passes run inside the layer next to them (for tests). */
    int leanFusions() {
        int k = 0;
        for (boolean s : leanSkip) if (s) k++;
        return k;
    }

    /**
     * Which maps lean passes of one to {@link ConvRuntime#CACHED_MAX_BATCH} examples keep
     * channels-last ({@code [h][w][c]}): those whose every writer and reader handles that layout,
     * so that consecutive Winograd layers hand their maps on without the transposes into and out
     * of their channels-last copies (res15: 25 of 26, about 30 % of a layer's work one example at
     * a time). A buffer (a value with its aliases) is channels-last or not as a whole. Writers and
     * readers that handle either layout: convolutions whose kernel runs them
     * ({@link ConvRuntime#anyLayout}, which also take a channels-first addend into a
     * channels-last output, but not the other way); element-wise layers (sums, activations,
     * dropout), whose inputs and output must agree; global average pooling reads either. Every
     * other layer, the model's output and its inputs are channels-first. Returns the convolutions'
     * and poolings' layout flags.
     */
    private int[] planChannelsLast(int[] alias) {
        int total = valueShapes.length;
        boolean[] last = new boolean[total];
        for (int v = inputCount; v < total; v++) last[v] = alias[v] == v;
        last[alias[outputIndex]] = false;
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int j = 0; j < sources.length; j++) {
                int root = alias[inputCount + j];
                LayerSpec layer = spec.nodes().get(j).layer();
                if (leanSkip[j]) continue; // runs inside the layer next to it, on its buffers
                if (runtimes.get(j) instanceof GlobalPoolRuntime p && p.globalAverage()) {
                    // reads either layout; its output (a value per channel) is channels-first
                    changed |= last[root];
                    last[root] = false;
                    continue;
                }
                if (runtimes.get(j) instanceof ConvRuntime c && layer instanceof Conv2d && c.anyLayout()) {
                    int a = leanAddend[j] >= 0 ? alias[leanAddend[j]] : -1;
                    if (a >= inputCount && !last[root] && last[a]) {
                        last[a] = false;
                        changed = true;
                    }
                    continue;
                }
                boolean elementwise = layer instanceof Add || layer instanceof Relu || layer instanceof Tanh
                        || layer instanceof Sigmoid || layer instanceof Dropout;
                boolean all = last[root];
                for (int src : sources[j]) all &= src >= inputCount && last[alias[src]];
                if (elementwise && all) continue;
                // channels-first here: the node's own buffer and every buffer it reads
                changed |= last[root];
                last[root] = false;
                for (int src : sources[j]) {
                    if (src < inputCount) continue;
                    changed |= last[alias[src]];
                    last[alias[src]] = false;
                }
            }
        }
        int[] layout = new int[sources.length];
        for (int j = 0; j < sources.length; j++) {
            if (runtimes.get(j) instanceof GlobalPoolRuntime p && p.globalAverage() && sources[j][0] >= inputCount
                    && last[alias[sources[j][0]]]) {
                layout[j] = Conv2dKernel.INPUT_CHANNELS_LAST;
            }
            if (!(runtimes.get(j) instanceof ConvRuntime c) || !c.anyLayout() || leanSkip[j]) continue;
            int src = sources[j][0], f = 0;
            if (src >= inputCount && last[alias[src]]) f |= Conv2dKernel.INPUT_CHANNELS_LAST;
            if (last[alias[inputCount + j]]) f |= Conv2dKernel.OUTPUT_CHANNELS_LAST;
            if (leanAddend[j] >= inputCount && last[alias[leanAddend[j]]]) f |= Conv2dKernel.ADDEND_CHANNELS_LAST;
            layout[j] = f;
        }
        return layout;
    }

    /** The number of convolutions that lean single-example passes run with channels-last input and output (for tests). */
    int channelsLastLayers() {
        int k = 0;
        for (int f : leanLayout) {
            if ((f & Conv2dKernel.INPUT_CHANNELS_LAST) != 0 && (f & Conv2dKernel.OUTPUT_CHANNELS_LAST) != 0) k++;
        }
        return k;
    }

    /** The value's readers among the nodes. */
    private int[] readers(int v) {
        return java.util.stream.IntStream.range(0, sources.length)
                .filter(j -> java.util.Arrays.stream(sources[j]).anyMatch(s -> s == v)).toArray();
    }

    /**
     * Plans the lean passes' fusions into {@code alias}. A residual sum {@code relu(conv(x)) + kept}
     * whose ReLU (fused with its convolution) has no other reader is written by the convolution
     * straight into the sum's buffer, where {@code kept} is ready before the convolution runs.
     * A batch normalisation whose only reader is a convolution (or a global average pooling) is
     * applied by that layer to its input as it reads it, and its own output is never written (its
     * value shares its input's buffer). res15 has six such sums and thirteen such normalisations,
     * each a pass over a 727 KB map.
     */
    private void planLeanFusions(int[] alias) {
        for (int a = 0; a < sources.length; a++) {
            int av = inputCount + a;
            if (!(spec.nodes().get(a).layer() instanceof Add) || sources[a].length != 2) continue;
            for (int k = 0; k < 2; k++) {
                int s = sources[a][k], other = sources[a][1 - k];
                if (s < inputCount || s == other || s == outputIndex || readers(s).length != 1) continue;
                if (!(spec.nodes().get(s - inputCount).layer() instanceof Relu)) continue;
                int cv = sources[s - inputCount][0], c = cv - inputCount;
                if (cv < inputCount || actAlias[cv] != s || !(runtimes.get(c) instanceof ConvRuntime)) continue;
                if (other >= cv || alias[other] == alias[s]) continue;
                int root = alias[s];
                for (int v = 0; v < alias.length; v++) if (alias[v] == root) alias[v] = alias[av];
                leanAddend[c] = other;
                leanSkip[a] = true;
                break;
            }
        }
        for (int b = 0; b < sources.length; b++) {
            int bv = inputCount + b, src = sources[b][0];
            if (!(runtimes.get(b) instanceof BatchNormRuntime) || bv == outputIndex || src < inputCount) continue;
            int[] r = readers(bv);
            if (r.length != 1 || sources[r[0]].length != 1) continue;
            boolean conv = spec.nodes().get(r[0]).layer() instanceof Conv2d;
            if (!conv && !(runtimes.get(r[0]) instanceof GlobalPoolRuntime p && p.globalAverage())) continue;
            if (alias[bv] != bv) continue;
            alias[bv] = alias[src];
            leanNorm[r[0]] = b;
            leanSkip[b] = true;
        }
    }

    /** One set of activation buffers, laid out by a plan, sized for the largest batch seen. */
    private final class Activations {
        final ActivationPlan plan;
        int capacity;
        int batch = -1;
        float[][] slots;
        float[][] act;
        Tensor[] view;

        Activations(ActivationPlan plan) {
            this.plan = plan;
        }

        /**
         * Views of the buffers for a batch of {@code n}; true if they are new. Grown buffers take
         * the arrays of {@code donor} (then left empty) where they fit, so that training after a
         * large inference batch reuses its memory instead of adding to it.
         */
        boolean ensure(int n, Activations donor) {
            if (n > capacity) {
                List<float[]> spare = new ArrayList<>();
                if (donor != null && donor.slots != null) spare.addAll(List.of(donor.slots));
                int total = valueShapes.length;
                act = new float[total][];
                int[] sizes = plan.slotSizes();
                slots = new float[sizes.length][];
                boolean took = false;
                for (int s = 0; s < sizes.length; s++) {
                    int best = -1;
                    for (int i = 0; i < spare.size(); i++) {
                        int len = spare.get(i).length;
                        if (len >= n * sizes[s] && (best < 0 || len < spare.get(best).length)) best = i;
                    }
                    took |= best >= 0;
                    slots[s] = best >= 0 ? spare.remove(best) : new float[n * sizes[s]];
                }
                if (took) donor.empty();
                for (int v = inputCount; v < total; v++) act[v] = slots[plan.slotOf()[v]];
                for (LayerRuntime r : runtimes) r.ensureCapacity(n);
                capacity = n;
                batch = -1;
            }
            if (n == batch) return false;
            view = new Tensor[valueShapes.length];
            for (int v = inputCount; v < valueShapes.length; v++) view[v] = Tensor.wrap(act[v], valueShapes[v].withBatch(n));
            batch = n;
            return true;
        }

        /** Gives up the buffers (another set took them). */
        void empty() {
            slots = null;
            act = null;
            view = null;
            capacity = 0;
            batch = -1;
        }
    }

    /**
     * The index of the {@link Relu} node that is the only reader of convolution node {@code j}, or
     * -1. Such a pair runs as one fused pass (the convolution writes {@code max(conv + bias, 0)}
     * straight into the ReLU's buffer, which both nodes share), which is exact: the ReLU of a
     * ReLU output is itself, and the convolution's backward pass never reads its own output.
     */
    private static int fusableRelu(ModelSpec spec, int j) {
        NodeSpec n = spec.nodes().get(j);
        if (!(n.layer() instanceof Conv2d || n.layer() instanceof DepthwiseConv2d) || n.name().equals(spec.output())) return -1;
        int reader = -1;
        for (int r = j + 1; r < spec.nodes().size(); r++) {
            for (String src : spec.nodes().get(r).inputs()) {
                if (!src.equals(n.name())) continue;
                if (reader >= 0) return -1;
                reader = r;
            }
        }
        return reader >= 0 && spec.nodes().get(reader).layer() instanceof Relu ? reader : -1;
    }

    /** A model with fresh parameters drawn from {@code seed} (each parameter from its own stream keyed by its name). */
    public static Model create(ModelSpec spec, long seed) {
        return new Model(spec, seed, new Im2colConv2dKernel());
    }

    /** As {@link #create(ModelSpec, long)} with a chosen convolution kernel (e.g. the reference loops). */
    public static Model create(ModelSpec spec, long seed, Conv2dKernel kernel) {
        return new Model(spec, seed, kernel);
    }

    /** A mix of the model seed and a name, so each parameter and dropout layer has its own stream. */
    static long streamSeed(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private Parameter newParam(String node, ParamSpec ps) {
        String full = node + "." + ps.name();
        Tensor t = Tensor.zeros(ps.shape().dims());
        ps.init().fill(t.data(), t.size(), ps.fanIn(), ps.fanOut(), new SplittableRandom(streamSeed(seed, full)));
        Parameter p = new Parameter(full, t, ps.trainable());
        params.put(full, p);
        return p;
    }

    private LayerRuntime createRuntime(NodeSpec n, List<Shape> ins, boolean fusedRelu) {
        List<ParamSpec> pspecs = n.layer().parameters(ins);
        List<Parameter> ps = new ArrayList<>();
        for (ParamSpec s : pspecs) ps.add(newParam(n.name(), s));
        Shape in0 = ins.get(0);
        return switch (n.layer()) {
            case Conv2d c -> new ConvRuntime(c.geometry(in0), kernel, ps.get(0), c.bias() ? ps.get(1) : null, fusedRelu, convChunks);
            case DepthwiseConv2d c -> new ConvRuntime(c.geometry(in0), kernel, ps.get(0), c.bias() ? ps.get(1) : null, fusedRelu,
                    convChunks);
            case MaxPool2d p -> new MaxPoolRuntime(PoolGeometry.of(in0, p.poolH(), p.poolW(), p.strideH(), p.strideW(), p.padding()));
            case AvgPool2d p -> new AvgPoolRuntime(PoolGeometry.of(in0, p.poolH(), p.poolW(), p.strideH(), p.strideW(), p.padding()));
            case GlobalMaxPool2d g -> new GlobalPoolRuntime(true, in0.dim(0), in0.dim(1) * in0.dim(2), 1, 1, in0.size());
            case GlobalAvgPool2d g -> new GlobalPoolRuntime(false, in0.dim(0), in0.dim(1) * in0.dim(2), 1, 1, in0.size());
            case MaxOverTime m -> new GlobalPoolRuntime(true, in0.dim(0) * in0.dim(2), in0.dim(1), in0.dim(2), in0.dim(2), in0.size());
            case Dense d -> new DenseRuntime(in0.dim(0), d.units(), ps.get(0), d.bias() ? ps.get(1) : null);
            case Flatten f -> new CopyRuntime();
            case Reshape r -> new CopyRuntime();
            case Concat c -> new ConcatRuntime(ins.stream().mapToInt(Shape::size).toArray());
            case Add a -> new AddRuntime();
            case Relu r -> new ActivationRuntime(ActivationRuntime.Kind.RELU);
            case Tanh t -> new ActivationRuntime(ActivationRuntime.Kind.TANH);
            case Sigmoid s -> new ActivationRuntime(ActivationRuntime.Kind.SIGMOID);
            case Softmax s -> new SoftmaxRuntime(in0.size());
            case Dropout d -> new DropoutRuntime(d.rate(), streamSeed(seed, "dropout:" + n.name()));
            case BatchNorm2d b -> new BatchNormRuntime(in0.dim(0), in0.size() / in0.dim(0), b.eps(), b.momentum(),
                    b.affine() ? ps.get(0) : null, b.affine() ? ps.get(1) : null,
                    ps.get(b.affine() ? 2 : 0), ps.get(b.affine() ? 3 : 1));
            case Embedding e -> {
                if (e.paddingId() >= 0) {
                    java.util.Arrays.fill(ps.get(0).value().data(), e.paddingId() * e.dim(), (e.paddingId() + 1) * e.dim(), 0f);
                    ps.get(0).markChanged();
                }
                yield new EmbeddingRuntime(n.name(), e.vocabSize(), e.dim(), e.paddingId(), ps.get(0));
            }
            case PositionBias p -> new PositionBiasRuntime(ps.get(0));
        };
    }

    /** The architecture. */
    public ModelSpec spec() {
        return spec;
    }

    /** The seed the parameters and dropout masks were drawn from. */
    public long seed() {
        return seed;
    }

    /** Every parameter (trainable or not), in layer order, by name. */
    public Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(params);
    }

    /** One parameter by name ({@code node.param}). */
    public Parameter parameter(String name) {
        Parameter p = params.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter '" + name + "'; the model has " + params.keySet());
        return p;
    }

    /** Copies {@code value} into parameter {@code name}; shapes must match. */
    public void setParameter(String name, Tensor value) {
        Parameter p = parameter(name);
        if (!java.util.Arrays.equals(p.value().shape(), value.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + p.value().shapeString()
                    + ", given " + value.shapeString());
        }
        value.requireFinite("parameter '" + name + "'");
        p.value().copyFrom(value);
        p.markChanged();
    }

    /** The per-example shape of each input and node. */
    public Map<String, Shape> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    /** The per-example output shape. */
    public Shape outputShape() {
        return valueShapes[outputIndex];
    }

    /** Number of values in all trainable parameters. */
    public long trainableParameterCount() {
        return params.values().stream().filter(Parameter::trainable).mapToLong(Parameter::size).sum();
    }

    /** Number of values in all parameters, running statistics included. */
    public long parameterCount() {
        return params.values().stream().mapToLong(Parameter::size).sum();
    }

    /** Multiply-adds of one example's forward pass (conv and dense layers). */
    public long macs() {
        return macs;
    }

    /** Asks {@link #backward} to also compute the gradients of the model's inputs (for gradient checks). */
    public void setInputGradients(boolean on) {
        this.inputGradients = on;
    }

    /** The number of activation buffers of training passes or of inference passes (for tests). */
    int activationBuffers(boolean training) {
        return (training ? trainingActs : inferenceActs).plan.slotSizes().length;
    }

    /** Whether the training buffers include {@code a}, and the inference buffers are empty (for tests). */
    boolean trainingBuffersTook(float[] a) {
        if (trainingActs.slots == null || inferenceActs.slots != null) return false;
        for (float[] s : trainingActs.slots) if (s == a) return true;
        return false;
    }

    /** Sizes the training buffers for a batch of {@code n}. */
    private void ensure(int n) {
        int before = trainingActs.capacity;
        if (trainingActs.ensure(n, inferenceActs)) gradView = null;
        if (trainingActs.capacity != before) slotData = null;
    }

    /** Plans (once per input-gradient setting) and sizes (once per capacity) the gradient buffers. */
    private void ensureGradients() {
        if (plan == null || planInputGradients != inputGradients) {
            plan = GradientPlan.of(sources, valueShapes, inputCount, outputIndex, inputGradients);
            planInputGradients = inputGradients;
            slotData = null;
        }
        if (slotData == null || slotBatch < trainingActs.batch) {
            // sized for the batches trained on, which may be smaller than those only run forward
            slotData = new float[plan.slotSizes().length][];
            for (int s = 0; s < slotData.length; s++) slotData[s] = new float[trainingActs.batch * plan.slotSizes()[s]];
            slotBatch = trainingActs.batch;
            gradView = null;
        }
        if (gradView == null) {
            int n = trainingActs.batch;
            gradView = new Tensor[valueShapes.length];
            for (int v = 0; v < valueShapes.length; v++) {
                int s = plan.gradSlot()[v];
                if (s >= 0) gradView[v] = Tensor.wrap(slotData[s], valueShapes[v].withBatch(n));
            }
            scratchView = new Tensor[sources.length][];
            for (int j = 0; j < sources.length; j++) {
                scratchView[j] = new Tensor[sources[j].length];
                for (int k = 0; k < sources[j].length; k++) {
                    int s = plan.scratchSlot()[j][k];
                    if (s >= 0) scratchView[j][k] = Tensor.wrap(slotData[s], valueShapes[sources[j][k]].withBatch(n));
                }
            }
        }
    }

    /**
     * Runs the model on a batch. In training mode dropout is active and batch normalisation uses
     * the batch's statistics. The returned tensor is the model's own buffer, valid until the next call.
     *
     * @throws IllegalArgumentException if the inputs' count or shapes differ from the spec, or hold NaN/infinity
     */
    public Tensor forward(boolean training, Tensor... inputs) {
        if (inputs.length != inputCount) {
            throw new IllegalArgumentException("model '" + spec.name() + "' takes " + inputCount + " input(s), given " + inputs.length);
        }
        int n = inputs[0].dim(0);
        for (int i = 0; i < inputCount; i++) {
            InputSpec is = spec.inputs().get(i);
            Tensor t = inputs[i];
            if (t.rank() != is.shape().rank() + 1 || !t.exampleShape().equals(is.shape()) || t.dim(0) != n) {
                throw new IllegalArgumentException("input '" + is.name() + "': expected N x " + is.shape() + " with N = " + n
                        + ", got " + t.shapeString());
            }
            t.requireFinite("input '" + is.name() + "'");
        }
        // inference runs on the training buffers when they are large enough already (evaluation
        // between epochs costs no memory), else on the lean buffers of its own
        boolean lean = !training && trainingActs.capacity < n;
        Tensor[] views;
        if (lean) {
            inferenceActs.ensure(n, null);
            views = inferenceActs.view;
        } else {
            ensure(n);
            views = trainingActs.view;
        }
        run(views, inputs, training, lean);
        lastOnInference = lean;
        return views[outputIndex];
    }

    /** A forward pass on {@code views}; {@code lean}: in inference mode, with no backward pass to follow. */
    private void run(Tensor[] views, Tensor[] inputs, boolean training, boolean lean) {
        for (int i = 0; i < inputCount; i++) views[i] = inputs[i];
        for (int j = 0; j < runtimes.size(); j++) {
            Tensor[] ins = insOf[j];
            for (int k = 0; k < ins.length; k++) ins[k] = views[sources[j][k]];
            if (lean && leanSkip[j]) continue;
            int layout = lean && views[inputCount + j].dim(0) <= ConvRuntime.CACHED_MAX_BATCH ? leanLayout[j] : 0;
            if (lean && (leanNorm[j] >= 0 || leanAddend[j] >= 0 || layout != 0)) {
                ChannelNorm norm = leanNorm[j] >= 0 ? ((BatchNormRuntime) runtimes.get(leanNorm[j])).inferenceNorm() : null;
                if (runtimes.get(j) instanceof GlobalPoolRuntime p) {
                    p.inferenceFused(ins[0], views[inputCount + j], norm, layout != 0);
                } else {
                    ((ConvRuntime) runtimes.get(j)).inferenceFused(ins, views[inputCount + j], norm,
                            leanAddend[j] >= 0 ? views[leanAddend[j]] : null, layout);
                }
            } else if (lean) runtimes.get(j).inferenceOnly(ins, views[inputCount + j]);
            else runtimes.get(j).forward(ins, views[inputCount + j], training);
        }
        lastTraining = training;
    }

    /** Inference on a batch: a copy of the output, independent of later calls. */
    public Tensor predict(Tensor... inputs) {
        return forward(false, inputs).copy();
    }

    /**
     * Backpropagates dL/d(output) through the last forward pass: afterwards each parameter's
     * {@link Parameter#grad()} holds dL/d(parameter) for this batch (earlier gradients are discarded).
     */
    public void backward(Tensor gradOutput) {
        if (lastOnInference) {
            // an inference pass kept nothing for backward: the same pass again on the training
            // buffers (inference mode is deterministic, so this is the pass that was asked for)
            Tensor[] inputs = java.util.Arrays.copyOf(inferenceActs.view, inputCount);
            ensure(inputs[0].dim(0));
            run(trainingActs.view, inputs, false, false);
            lastOnInference = false;
        }
        Tensor[] actView = trainingActs.view;
        if (trainingActs.batch < 0 || actView[outputIndex] == null) throw new IllegalStateException("backward before forward");
        Tensor out = actView[outputIndex];
        if (!java.util.Arrays.equals(gradOutput.shape(), out.shape())) {
            throw new IllegalArgumentException("gradient of shape " + gradOutput.shapeString() + " for an output of shape "
                    + out.shapeString());
        }
        for (Parameter p : params.values()) {
            // an optimiser step usually follows: forms kept from the weights are stale from here
            // on (optimisers mark their writes too; this covers one that does not)
            if (p.trainable()) p.markChanged();
            // A row-sparse gradient (an embedding table's) is nonzero only in the rows the last
            // pass listed: clearing those is enough and spares writing the whole table each step.
            Parameter.SparseRows rows = p.sparseRows();
            if (rows != null) rows.clear(p.grad().data());
            else p.grad().fill(0f);
        }
        ensureGradients();
        int[] gradSlot = plan.gradSlot();
        gradView[outputIndex].copyFrom(gradOutput);
        // Runtimes overwrite the gradients they are handed; only model inputs, which some layers
        // (Embedding) have no gradient for, start from zero.
        for (int i = 0; i < inputCount; i++) if (gradSlot[i] >= 0) gradView[i].fill(0f);
        for (int j = runtimes.size() - 1; j >= 0; j--) {
            int v = inputCount + j;
            if (gradSlot[v] < 0) continue; // does not reach the output
            int[] src = sources[j];
            Tensor[] ins = insOf[j];
            Tensor[] dIn = dInOf[j];
            byte[] mode = plan.mode()[j];
            for (int k = 0; k < src.length; k++) {
                ins[k] = actView[src[k]];
                dIn[k] = switch (mode[k]) {
                    case GradientPlan.DIRECT -> gradView[src[k]];
                    case GradientPlan.SCRATCH -> scratchView[j][k];
                    default -> null;
                };
            }
            runtimes.get(j).backward(ins, actView[v], gradView[v], dIn);
            for (int k = 0; k < src.length; k++) {
                if (mode[k] != GradientPlan.SCRATCH) continue;
                float[] dst = gradView[src[k]].data(), add = dIn[k].data();
                int size = dIn[k].size();
                for (int e = 0; e < size; e++) dst[e] += add[e];
            }
        }
    }

    /** dL/d(input i) from the last backward pass (needs {@link #setInputGradients}). */
    public Tensor inputGradient(int i) {
        if (!inputGradients || gradView == null || gradView[i] == null) {
            throw new IllegalStateException("input gradients were not computed; call setInputGradients(true) before backward");
        }
        return gradView[i];
    }

    /** Whether the last forward pass ran in training mode. */
    public boolean lastForwardWasTraining() {
        return lastTraining;
    }

    /** An independent model with the same architecture, seed and current parameter values. */
    public Model copy() {
        Model m = new Model(spec, seed, kernel);
        for (Parameter p : params.values()) {
            Parameter q = m.params.get(p.name());
            q.value().copyFrom(p.value());
            q.markChanged();
        }
        return m;
    }

    /** A table like Keras' {@code model.summary()}: layer, output shape, parameters, multiply-adds. */
    public String summary() {
        return ModelSummary.format(this);
    }
}
