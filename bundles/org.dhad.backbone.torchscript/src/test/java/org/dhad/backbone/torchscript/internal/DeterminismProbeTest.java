package org.dhad.backbone.torchscript.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.dhad.api.backbone.FreezePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * Probe for the torchscript backbone's run-to-run differences (disabled: it asserts nothing and found no
 * in-process difference; run it by removing {@code @Disabled} and read the {@code PROBE} lines).
 * <p>
 * Symptom, measured with the product ({@code dhad train} of a Table I all/mask experiment on
 * {@code mobilenet_v1_random_features.pt}, freeze ALL, batch 4, 256x256, 6 steps, 6 separate processes,
 * ONEDNN_MAX_CPU_ISA=AVX2, 2-core machine at load average 5-12): 2 of 6 train logs differ from the other 4.
 * Step 1 is always identical; the class head (outlier-energy) stays identical in every step; only the
 * outlier head (HeadNorm-ReLU-Conv1x1 512->1) goes wrong. The checkpoints' Adam moments show why: in the
 * good runs the outlier head's first moments are about 1e-1..1e-3, in the bad runs 1e6 (one run) and 1e34
 * with infinite second moments (the other), for the Conv2d weight and bias and the HeadNorm gamma/beta, i.e. the
 * outlier head received garbage-sized gradients (a NaN run under heavier load fits this too). The same 6
 * runs with ONEDNN_MAX_CPU_ISA=SSE41 were all identical. oneDNN verbose: both heads' convolutions run as
 * {@code jit_1x1:avx2} forward_training / backward_data / backward_weights (with bias) in blocked
 * {@code aBcd8b} layouts, oc 1 padded to 8 (oc 21 padded to 24), scratchpad supplied by PyTorch.
 * Later, same product build, load average 7-12: 6 more default (AVX2) runs and one with glibc's
 * {@code MALLOC_PERTURB_=165} (freed and new heap memory filled with a pattern) all gave the good runs' log;
 * 6 runs with {@code OMP_NUM_THREADS=1} were identical to each other (a different log, as expected from
 * another reduction split). So the failure is rarer than 2 in 6 (2 of 19 AVX2 runs in all), and neither
 * SSE41 (6/6) nor one thread (6/6) proves a fix at that rate.
 * <p>
 * In-process (this probe, same file, same shapes, 2 OpenMP threads, machine load 5-12), every stage below
 * repeated bit for bit: A traced forward in inference mode and its duplicate (11 runs); B the whole block's
 * forward+backward, every head gradient (11); E a fresh network + DJL trainer + Adam, 3 steps, losses and
 * all parameters (11); C the head alone (batch norm in training mode or not, ReLU, 1x1 conv with 1 or 21
 * outputs, with or without the antialiased bilinear resize to 256x256, forward and all gradients) (11 each);
 * D the resize alone on 1 and 21 channels (11 each); all of these again with c10's junk fill on (every
 * {@code at::empty} filled with NaN, checked), 3 runs each, equal to the runs without it, so no op here reads
 * memory it did not write through c10's allocator; and the 1x1 conv head with 1 and 21 outputs 400 times
 * each with three CPU-burning Java threads alongside: no difference.
 * <p>
 * Not covered here, so still open: the engine's GroupedAdam and loss terms on real batches, the product's
 * loader threads, memory oneDNN allocates itself, and anything that differs only between processes
 * (first-use kernel generation, heap layout, alignment of tensors made from Java direct buffers).
 */
@org.junit.jupiter.api.Disabled("diagnostic probe; see the class comment for what it measured")
class DeterminismProbeTest {

    private static final int REPEATS = Integer.getInteger("probe.repeats", 12);
    private static TracedFixtures fixtures;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new TracedFixtures();
    }

    @AfterAll
    static void stop() {
        fixtures.close();
    }

    static float[] values(long n, long seed) {
        float[] v = new float[(int) n];
        long s = seed;
        for (int i = 0; i < v.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            v[i] = ((s >>> 40) & 0xFFFFFF) / (float) 0x1000000;
        }
        return v;
    }

    static final Map<String, List<float[]>> REFERENCE = new java.util.HashMap<>();
    static int repeats = REPEATS;

    static void junkFill(boolean on) throws Exception {
        var bundle = org.osgi.framework.FrameworkUtil.getBundle(org.dhad.djl.TorchRuntime.class);
        Class<?> nl = bundle.loadClass("com.sun.jna.NativeLibrary");
        Object lib = nl.getMethod("getInstance", String.class).invoke(null,
                ai.djl.pytorch.jni.LibUtils.getLibtorchPath() + "/libc10.so");
        Object ptr = nl.getMethod("getGlobalVariableAddress", String.class).invoke(lib,
                "FLAGS_caffe2_cpu_allocator_do_junk_fill");
        ptr.getClass().getMethod("setByte", long.class, byte.class).invoke(ptr, 0L, (byte) (on ? 1 : 0));
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.println("PROBE junk fill " + on + " empty: " + Arrays.toString(m.create(new Shape(4)).toFloatArray()));
        }
    }

    static void repeat(String name, Function<NDManager, List<float[]>> run) {
        List<float[]> first = REFERENCE.get(name);
        boolean referenced = first != null;
        int differing = 0;
        StringBuilder detail = new StringBuilder();
        for (int r = 0; r < repeats; r++) {
            List<float[]> out;
            try (NDManager m = NDManager.newBaseManager()) {
                out = run.apply(m);
            }
            if (first == null) {
                first = out;
                REFERENCE.put(name, out);
                continue;
            }
            boolean differs = false;
            for (int i = 0; i < out.size(); i++) {
                if (!Arrays.equals(first.get(i), out.get(i))) {
                    differs = true;
                    float[] a = first.get(i), b = out.get(i);
                    int count = 0;
                    double max = 0;
                    int firstIdx = -1;
                    for (int k = 0; k < a.length; k++) {
                        if (Float.floatToRawIntBits(a[k]) != Float.floatToRawIntBits(b[k])) {
                            count++;
                            if (firstIdx < 0) firstIdx = k;
                            max = Math.max(max, Math.abs((double) a[k] - b[k]));
                        }
                    }
                    detail.append(String.format(" [run %d out %d: %d/%d differ, first %d (%g vs %g), max %g]", r, i,
                            count, a.length, firstIdx, a[firstIdx], b[firstIdx], max));
                }
            }
            if (differs) differing++;
        }
        System.out.printf("PROBE %-45s %d/%d runs differ%s%n", name, differing, referenced ? repeats : repeats - 1,
                detail.length() > 1500 ? detail.substring(0, 1500) : detail);
    }

    @Test
    void stress() throws Exception {
        Shape fShape = new Shape(4, 512, 16, 16);
        float[] f = values(fShape.size(), 21);
        for (int i = 0; i < f.length; i++) f[i] = f[i] * 2 - 0.5f;
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> burners = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> { long x = 0; while (!stop.get()) { x += System.nanoTime() % 7; } });
            th.setDaemon(true); th.start(); burners.add(th);
        }
        try {
            repeats = 400;
            long t0 = System.nanoTime();
            for (boolean norm : new boolean[] {false}) {
                repeat("S stress oc=1 norm=" + norm, m -> head(m, f, fShape, 1, false, norm));
                repeat("S stress oc=21 norm=" + norm, m -> head(m, f, fShape, 21, false, norm));
            }
            System.out.println("PROBE stress took " + (System.nanoTime() - t0) / 1e9 + " s");
        } finally {
            stop.set(true);
            repeats = REPEATS;
        }
    }

    @Test
    void probe() throws Exception {
        probeOnce();
        junkFill(true);
        repeats = 3;
        try {
            probeOnce();
        } finally {
            junkFill(false);
        }
    }

    void probeOnce() throws Exception {
        var model = TracedFixtures.sharedModels().resolve("mobilenet_v1_random_features.pt");
        Engine.getInstance().setRandomSeed(0);
        TorchScriptNetwork net = fixtures.create(Map.of("file", model.toString(), "classes", "21"));
        Shape inputShape = new Shape(4, 3, 256, 256);
        float[] image = values(inputShape.size(), 1);
        float[] featureValues;
        try (NDManager base = NDManager.newBaseManager()) {
            net.initialize(base, inputShape);
            net.freeze(FreezePolicy.ALL.frozenGroups());
            TorchScriptBlock block = net.block();

            // A. traced module forward, eval (inference tensors), + duplicate
            repeat("A traced forward (inference)", m -> {
                NDList out = block.backbone().forward(new ParameterStore(m, false),
                        new NDList(Normalization.imagenet(m.create(image, inputShape))), false);
                return List.of(out.get(0).toFloatArray(), out.get(0).duplicate().toFloatArray());
            });
            try (NDManager m = NDManager.newBaseManager()) {
                featureValues = block.backbone().forward(new ParameterStore(m, false),
                        new NDList(Normalization.imagenet(m.create(image, inputShape))), false).get(0).toFloatArray();
            }

            // B. whole block forward + backward, gradients of the heads
            repeat("B block forward+backward head grads", m -> {
                List<float[]> result = new ArrayList<>();
                block.getParameters().forEach(p -> {
                    if (p.getValue().requiresGradient() && p.getValue().getArray().hasGradient()) {
                        NDArray g = p.getValue().getArray().getGradient();
                        g.subi(g);
                    }
                });
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList out = block.forward(new ParameterStore(m, false), new NDList(m.create(image, inputShape)),
                            true);
                    NDArray w0 = m.create(values(out.get(0).size(), 7), out.get(0).getShape());
                    NDArray w1 = m.create(values(out.get(1).size(), 8), out.get(1).getShape());
                    result.add(out.get(0).toFloatArray());
                    result.add(out.get(1).toFloatArray());
                    gc.backward(out.get(0).mul(w0).mean().add(out.get(1).mul(w1).mean()));
                }
                block.getParameters().forEach(p -> {
                    if (p.getValue().requiresGradient()) {
                        result.add(p.getValue().getArray().getGradient().toFloatArray());
                    }
                });
                return result;
            });
        }
        // E. fresh network + DJL trainer with Adam, 3 steps, as the engine trains
        repeat("E fresh net, trainer, Adam, 3 steps", m -> {
            List<float[]> r = new ArrayList<>();
            try {
                Engine.getInstance().setRandomSeed(0);
                TorchScriptNetwork n = fixtures.create(Map.of("file", model.toString(), "classes", "21"));
                try (ai.djl.Model djl = ai.djl.Model.newInstance("probe")) {
                    djl.setBlock(n.block());
                    n.initialize(djl.getNDManager(), inputShape);
                    var config = new ai.djl.training.DefaultTrainingConfig(ai.djl.training.loss.Loss.l2Loss())
                            .optOptimizer(ai.djl.training.optimizer.Optimizer.adam()
                                    .optLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(1e-3f)).build());
                    try (ai.djl.training.Trainer trainer = djl.newTrainer(config)) {
                        n.freeze(FreezePolicy.ALL.frozenGroups());
                        for (int step = 0; step < 3; step++) {
                            try (NDManager batch = trainer.getManager().newSubManager();
                                    GradientCollector gc = trainer.newGradientCollector()) {
                                NDList out = trainer.forward(new NDList(batch.create(image, inputShape)));
                                NDArray w0 = batch.create(values(out.get(0).size(), 7), out.get(0).getShape());
                                NDArray g = out.get(1);
                                NDArray loss0 = out.get(0).mul(w0).mean();
                                NDArray loss1 = g.maximum(0).add(g.abs().neg().exp().add(1).log()).mean();
                                r.add(new float[] {loss0.getFloat(), loss1.getFloat()});
                                gc.backward(loss0.add(loss1));
                            }
                            trainer.step();
                        }
                        r.addAll(TracedFixtures.snapshot(n.block()).values());
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            return r;
        });
        Shape fShape = new Shape(4, 512, 16, 16);
        for (int oc : new int[] {1, 21}) {
            for (boolean resize : new boolean[] {false, true}) {
                for (boolean norm : new boolean[] {false, true}) {
                    repeat("C head oc=" + oc + " resize=" + resize + " norm=" + norm, m -> head(m, featureValues, fShape,
                            oc, resize, norm));
                }
            }
        }
        // D. resize alone on a 1-channel and a 21-channel map
        for (int c : new int[] {1, 21}) {
            repeat("D resize alone c=" + c, m -> {
                Shape s = new Shape(4, c, 16, 16);
                NDArray x = m.create(values(s.size(), 3), s);
                x.setRequiresGradient(true);
                List<float[]> r = new ArrayList<>();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = x.getNDArrayInternal().interpolation(new long[] {256, 256}, 1, false);
                    r.add(y.toFloatArray());
                    gc.backward(y.mul(m.create(values(y.size(), 9), y.getShape())).mean());
                }
                r.add(x.getGradient().toFloatArray());
                return r;
            });
        }
    }

    static List<float[]> head(NDManager m, float[] featureValues, Shape fShape, int oc, boolean resize, boolean norm) {
        NDArray f = m.create(featureValues, fShape);
        NDArray gamma = m.ones(new Shape(512));
        NDArray beta = m.zeros(new Shape(512));
        NDArray rm = m.zeros(new Shape(512));
        NDArray rv = m.ones(new Shape(512));
        NDArray weight = m.create(values(512L * oc, 5), new Shape(oc, 512, 1, 1)).sub(0.5f).mul(0.088f);
        NDArray bias = m.zeros(new Shape(oc));
        for (NDArray p : new NDArray[] {gamma, beta, weight, bias}) {
            p.setRequiresGradient(true);
        }
        List<float[]> r = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = norm ? BatchNorm.batchNorm(f, rm, rv, gamma, beta, 1, 0.9f, 1e-5f, true).singletonOrThrow() : f;
            x = Activation.relu(x);
            NDArray y = Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                    .singletonOrThrow();
            if (resize) {
                y = y.getNDArrayInternal().interpolation(new long[] {256, 256}, 1, false);
            }
            r.add(y.toFloatArray());
            gc.backward(y.mul(m.create(values(y.size(), 11), y.getShape())).mean());
        }
        r.add(weight.getGradient().toFloatArray());
        r.add(bias.getGradient().toFloatArray());
        if (norm) {
            r.add(gamma.getGradient().toFloatArray());
            r.add(beta.getGradient().toFloatArray());
        }
        return r;
    }
}
