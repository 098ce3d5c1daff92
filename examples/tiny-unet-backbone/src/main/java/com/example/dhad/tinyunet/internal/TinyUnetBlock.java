package com.example.dhad.tinyunet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code NDList(images [N,3,H,W] in [0,1])} to {@code NDList(classLogits [N,C,H,W], outlierLogits [N,1,H,W])}.
 * <p>
 * Two encoder levels (full and half resolution) with 2x2 max pooling between them, a bottleneck at a
 * quarter of the resolution, and two decoder levels that upsample bilinearly to the size of the skip
 * connection and concatenate it (so odd sizes work). Both heads read the last decoder's features.
 */
final class TinyUnetBlock extends AbstractBlock {

    static final String ENCODER1 = "encoder1";
    static final String ENCODER2 = "encoder2";
    static final String BOTTLENECK = "bottleneck";
    static final String DECODER2 = "decoder2";
    static final String DECODER1 = "decoder1";
    static final String CLASS_HEAD = "classHead";
    static final String OUTLIER_HEAD = "outlierHead";

    private static final byte VERSION = 1;
    /** Centres [0,1] images on 0 with a spread near 1; the exact values matter little when training from scratch. */
    private static final float MEAN = 0.5f;
    private static final float STD = 0.25f;
    /** DJL's interpolation mode for bilinear; the PyTorch engine uses align_corners=false. */
    private static final int BILINEAR = 1;
    private static final Shape POOL = new Shape(2, 2);

    private final int classes;
    private final Block encoder1;
    private final Block encoder2;
    private final Block bottleneck;
    private final Block decoder2;
    private final Block decoder1;
    private final Block classHead;
    private final Block outlierHead;

    TinyUnetBlock(int width, int classes) {
        super(VERSION);
        this.classes = classes;
        // children.add keeps the plain stage names (addChildBlock would prefix a number), which groupOf reads.
        encoder1 = stage(ENCODER1, ConvStages.twoConvolutions(width, true));
        encoder2 = stage(ENCODER2, ConvStages.twoConvolutions(2 * width, true));
        bottleneck = stage(BOTTLENECK, ConvStages.twoConvolutions(4 * width, true));
        decoder2 = stage(DECODER2, ConvStages.twoConvolutions(2 * width, true));
        decoder1 = stage(DECODER1, ConvStages.twoConvolutions(width, false));
        classHead = stage(CLASS_HEAD, ConvStages.head(width, classes));
        outlierHead = stage(OUTLIER_HEAD, ConvStages.head(width, 1));
    }

    private Block stage(String name, Block block) {
        children.add(name, block);
        return block;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray images = inputs.singletonOrThrow();
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) < 4 || shape.get(3) < 4) {
            throw new IllegalArgumentException("tiny-unet expects images [N,3,H,W] with H, W >= 4, got " + shape);
        }
        NDArray x = images.sub(MEAN).div(STD);
        NDArray skip1 = run(encoder1, store, x, training, params);
        NDArray skip2 = run(encoder2, store, pool(skip1), training, params);
        NDArray deepest = run(bottleneck, store, pool(skip2), training, params);
        NDArray up2 = run(decoder2, store, upAndJoin(deepest, skip2), training, params);
        NDArray features = run(decoder1, store, upAndJoin(up2, skip1), training, params);
        return new NDList(run(classHead, store, features, training, params),
                run(outlierHead, store, features, training, params));
    }

    private static NDArray run(Block block, ParameterStore store, NDArray x, boolean training,
            PairList<String, Object> params) {
        return block.forward(store, new NDList(x), training, params).singletonOrThrow();
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, POOL, POOL, new Shape(0, 0), false);
    }

    /** {@code x} resized bilinearly to the skip connection's size, then stacked on it along the channels. */
    private static NDArray upAndJoin(NDArray x, NDArray skip) {
        long h = skip.getShape().get(2);
        long w = skip.getShape().get(3);
        NDArray up = x.getNDArrayInternal().interpolation(new long[] {h, w}, BILINEAR, false);
        return up.concat(skip, 1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape skip1 = init(encoder1, manager, dataType, in);
        Shape skip2 = init(encoder2, manager, dataType, half(skip1));
        Shape deepest = init(bottleneck, manager, dataType, half(skip2));
        Shape up2 = init(decoder2, manager, dataType, joined(deepest, skip2));
        Shape features = init(decoder1, manager, dataType, joined(up2, skip1));
        init(classHead, manager, dataType, features);
        init(outlierHead, manager, dataType, features);
    }

    private static Shape init(Block block, NDManager manager, DataType dataType, Shape in) {
        block.initialize(manager, dataType, in);
        return block.getOutputShapes(new Shape[] {in})[0];
    }

    private static Shape half(Shape s) {
        return new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
    }

    private static Shape joined(Shape deeper, Shape skip) {
        return new Shape(skip.get(0), deeper.get(1) + skip.get(1), skip.get(2), skip.get(3));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), classes, in.get(2), in.get(3)),
            new Shape(in.get(0), 1, in.get(2), in.get(3))};
    }
}
