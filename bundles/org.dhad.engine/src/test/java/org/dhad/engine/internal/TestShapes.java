package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataProblem;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Mask;
import org.dhad.api.data.NegativePatch;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;

/**
 * Tiny in-test providers: a dataset of grey noise images (defects are saturated red squares) and
 * negatives that are saturated colour discs, so pasted pixels can never equal inlier pixels.
 */
final class TestShapes {

    static final String DATASET_ID = "test-shapes";
    static final String NEGATIVES_ID = "test-discs";
    static final int SIZE = 32;

    private TestShapes() {
    }

    /** A grey image with r = g = b in [60, 190]. */
    static BufferedImage grey(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = 60 + random.nextInt(131);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    /** One sample; {@code broken} ones throw when read. */
    record TestSample(String category, Split split, String defectType, String name, long seed, boolean broken)
            implements Sample {
        @Override
        public String source() {
            return "test-shapes:" + category + "/" + split + "/" + defectType + "/" + name;
        }

        @Override
        public BufferedImage readImage() throws IOException {
            if (broken) {
                throw new IOException(source() + " is broken on purpose");
            }
            BufferedImage image = grey(seed, SIZE);
            readMask().ifPresent(mask -> {
                for (int i = 0; i < mask.pixels().length; i++) {
                    if (mask.pixels()[i] != 0) {
                        image.setRGB(i % SIZE, i / SIZE, 0xff0000);
                    }
                }
            });
            return image;
        }

        @Override
        public Optional<Mask> readMask() {
            if (!anomalous()) {
                return Optional.empty();
            }
            byte[] pixels = new byte[SIZE * SIZE];
            int x0 = (int) (seed % 16);
            int y0 = (int) ((seed / 16) % 16);
            for (int y = y0; y < y0 + 10; y++) {
                for (int x = x0; x < x0 + 10; x++) {
                    pixels[y * SIZE + x] = 1;
                }
            }
            return Optional.of(new Mask(SIZE, SIZE, pixels));
        }
    }

    /** Samples of one category: {@code train} good training images, 2 good and 2 anomalous test images. */
    static List<Sample> samples(String category, Split split, int train) {
        List<Sample> samples = new ArrayList<>();
        long base = category.hashCode() * 1000L;
        if (split == Split.TRAIN) {
            for (int i = 0; i < train; i++) {
                samples.add(new TestSample(category, split, Sample.GOOD, "t" + i, base + i, false));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                samples.add(new TestSample(category, split, i < 2 ? Sample.GOOD : "square", "e" + i,
                        Math.abs(base) + 37 * i + 500, false));
            }
        }
        return samples;
    }

    /** The dataset provider: categories a and b, 8 training images each. */
    static final class Dataset implements AnomalyDataset {
        @Override
        public String id() {
            return DATASET_ID;
        }

        @Override
        public String displayName() {
            return "Test shapes";
        }

        @Override
        public String description() {
            return "Grey noise with red squares, for engine tests.";
        }

        @Override
        public DatasetContent open(Settings settings) {
            return new DatasetContent() {
                @Override
                public List<String> categories() {
                    return List.of("a", "b");
                }

                @Override
                public List<Sample> samples(String category, Split split) {
                    return TestShapes.samples(category, split, 8);
                }

                @Override
                public List<DataProblem> problems() {
                    return List.of();
                }
            };
        }
    }

    /** A sampler of saturated discs: red 255, green 0, blue random. */
    static final class Discs implements NegativeSampler {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public NegativePatch draw(RandomGenerator random) {
            int w = 8 + random.nextInt(12);
            int h = 8 + random.nextInt(12);
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            byte[] shape = new byte[w * h];
            int blue = random.nextInt(256);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    image.setRGB(x, y, 0xff0000 | blue);
                    double dx = (x + 0.5) / w - 0.5;
                    double dy = (y + 0.5) / h - 0.5;
                    shape[y * w + x] = (byte) (dx * dx + dy * dy <= 0.25 ? 1 : 0);
                }
            }
            return new NegativePatch(image, new Mask(w, h, shape), "disc " + w + "x" + h);
        }
    }

    /** The negative source provider. */
    static final class Negatives implements NegativeSource {
        @Override
        public String id() {
            return NEGATIVES_ID;
        }

        @Override
        public String displayName() {
            return "Test discs";
        }

        @Override
        public String description() {
            return "Saturated colour discs, for engine tests.";
        }

        @Override
        public NegativeSampler open(Settings settings) {
            return new Discs();
        }
    }
}
