package org.convkit.nn;

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
 * training loop allocates nothing per step once warmed up.
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

    private int capacity;
    private int batch = -1;
    private float[][] act;
    private float[][] grad;
    private Tensor[] actView;
    private Tensor[] gradView;
    private final Map<Long, float[]> scratch = new HashMap<>();
    private boolean[] received;
    private boolean inputGradients;
    private boolean lastTraining;

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
        long m = 0;
        for (int j = 0; j < spec.nodes().size(); j++) {
            NodeSpec n = spec.nodes().get(j);
            index.put(n.name(), inputCount + j);
            valueShapes[inputCount + j] = shapes.get(n.name());
            sources[j] = n.inputs().stream().mapToInt(index::get).toArray();
            List<Shape> ins = ModelSpec.inputShapes(n, shapes);
            m += n.layer().macs(ins);
            runtimes.add(createRuntime(n, ins));
        }
        this.macs = m;
        this.outputIndex = index.get(spec.output());
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

    private LayerRuntime createRuntime(NodeSpec n, List<Shape> ins) {
        List<ParamSpec> pspecs = n.layer().parameters(ins);
        List<Parameter> ps = new ArrayList<>();
        for (ParamSpec s : pspecs) ps.add(newParam(n.name(), s));
        Shape in0 = ins.get(0);
        return switch (n.layer()) {
            case Conv2d c -> new ConvRuntime(c.geometry(in0), kernel, ps.get(0), c.bias() ? ps.get(1) : null);
            case DepthwiseConv2d c -> new ConvRuntime(c.geometry(in0), kernel, ps.get(0), c.bias() ? ps.get(1) : null);
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

    private void ensure(int n) {
        if (n > capacity) {
            int total = valueShapes.length;
            act = new float[total][];
            grad = new float[total][];
            for (int v = inputCount; v < total; v++) act[v] = new float[n * valueShapes[v].size()];
            scratch.clear();
            for (LayerRuntime r : runtimes) r.ensureCapacity(n);
            capacity = n;
            batch = -1;
        }
        if (n != batch) {
            actView = new Tensor[valueShapes.length];
            gradView = new Tensor[valueShapes.length];
            for (int v = inputCount; v < valueShapes.length; v++) actView[v] = Tensor.wrap(act[v], valueShapes[v].withBatch(n));
            batch = n;
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
        ensure(n);
        for (int i = 0; i < inputCount; i++) actView[i] = inputs[i];
        for (int j = 0; j < runtimes.size(); j++) {
            Tensor[] ins = new Tensor[sources[j].length];
            for (int k = 0; k < ins.length; k++) ins[k] = actView[sources[j][k]];
            runtimes.get(j).forward(ins, actView[inputCount + j], training);
        }
        lastTraining = training;
        return actView[outputIndex];
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
        if (batch < 0 || actView[outputIndex] == null) throw new IllegalStateException("backward before forward");
        Tensor out = actView[outputIndex];
        if (!java.util.Arrays.equals(gradOutput.shape(), out.shape())) {
            throw new IllegalArgumentException("gradient of shape " + gradOutput.shapeString() + " for an output of shape "
                    + out.shapeString());
        }
        for (Parameter p : params.values()) p.grad().fill(0f);
        int n = batch;
        if (received == null || received.length != valueShapes.length) received = new boolean[valueShapes.length];
        java.util.Arrays.fill(received, false);
        Tensor g0 = gradTensor(outputIndex, n);
        g0.copyFrom(gradOutput);
        received[outputIndex] = true;
        for (int j = runtimes.size() - 1; j >= 0; j--) {
            int v = inputCount + j;
            if (!received[v]) continue; // does not reach the output
            int[] src = sources[j];
            Tensor[] ins = new Tensor[src.length];
            Tensor[] dIn = new Tensor[src.length];
            boolean[] viaScratch = new boolean[src.length];
            for (int k = 0; k < src.length; k++) {
                int s = src[k];
                ins[k] = actView[s];
                if (s < inputCount && !inputGradients) continue;
                if (!received[s]) {
                    dIn[k] = gradTensor(s, n);
                    received[s] = true;
                } else {
                    long key = ((long) j << 32) | k;
                    float[] buf = scratch.computeIfAbsent(key, kk -> new float[capacity * valueShapes[s].size()]);
                    dIn[k] = Tensor.wrap(buf, valueShapes[s].withBatch(n));
                    viaScratch[k] = true;
                }
            }
            runtimes.get(j).backward(ins, actView[v], gradView[v], dIn);
            for (int k = 0; k < src.length; k++) {
                if (!viaScratch[k]) continue;
                float[] dst = grad[src[k]], add = dIn[k].data();
                int size = dIn[k].size();
                for (int e = 0; e < size; e++) dst[e] += add[e];
            }
        }
    }

    private Tensor gradTensor(int v, int n) {
        if (grad[v] == null) grad[v] = new float[capacity * valueShapes[v].size()];
        if (gradView[v] == null) gradView[v] = Tensor.wrap(grad[v], valueShapes[v].withBatch(n));
        Tensor t = gradView[v];
        t.fill(0f);
        return t;
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
        for (Parameter p : params.values()) m.params.get(p.name()).value().copyFrom(p.value());
        return m;
    }

    /** A table like Keras' {@code model.summary()}: layer, output shape, parameters, multiply-adds. */
    public String summary() {
        return ModelSummary.format(this);
    }
}
