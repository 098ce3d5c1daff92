package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.data.ClassLabels;
import org.dhad.api.data.LabelledImage;
import org.dhad.api.data.LabelledImages;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.dhad.engine.EngineException;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.engine.StepReport;
import org.dhad.engine.TrainingService;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed training: anomaly batches with pasted negatives and, every N steps, a batch of a labelled segmentation
 * source for the segmentation-ce term; validation of the pairing of term and source; resume; bad labels.
 */
class MixedTrainingTest {

    private static final String LABELLED_ID = "test-labelled";
    private static final String TOO_MANY_CLASSES_ID = "test-labelled-class-9";
    private static EngineServices services;

    @TempDir
    static Path runs;

    @BeforeAll
    static void start() throws Exception {
        services = new EngineServices();
        services.register(NegativeSource.class, new Labelled(LABELLED_ID, 2), LABELLED_ID);
        services.register(NegativeSource.class, new Labelled(TOO_MANY_CLASSES_ID, 9), TOO_MANY_CLASSES_ID);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static ExperimentSpec mixed(String name, int epochs, String source) {
        Map<String, Double> loss = EngineServices.paperLoss();
        loss.put("segmentation-ce", 1.0);
        ExperimentSpec spec = EngineServices.tiny(name, epochs, loss).withSegmentation(PluginChoice.of(source));
        return spec.withSchedule(spec.schedule().with(Schedule.SEGMENTATION_EVERY, 3));
    }

    @Test
    void segmentationCeWithoutASourceIsAProblemNamingWhatIsMissing() throws Exception {
        Map<String, Double> loss = EngineServices.paperLoss();
        loss.put("segmentation-ce", 1.0);
        List<String> problems = services.training.validate(EngineServices.tiny("no-source", 1, loss));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'segmentation-ce' needs class labels")
                && problems.get(0).contains("<segmentation> source"), problems.get(0));
        assertEquals(List.of(), services.training.validate(mixed("with-source", 1, LABELLED_ID)));

        List<String> unused = services.training.validate(EngineServices.tiny("unused", 1, EngineServices.paperLoss())
                .withSegmentation(PluginChoice.of(LABELLED_ID)));
        assertEquals(1, unused.size(), unused.toString());
        assertTrue(unused.get(0).startsWith("segmentation: a segmentation source is set but no loss term uses class "
                + "labels"), unused.get(0));
        List<String> unlabelled = services.training.validate(mixed("unlabelled", 1, TestShapes.NEGATIVES_ID));
        assertTrue(unlabelled.contains("segmentation: '" + TestShapes.NEGATIVES_ID + "' has no class labels; expected "
                + "a source of images with class-index masks such as 'segmentation'"), unlabelled.toString());
    }

    @Test
    void everyThirdStepIsASegmentationStepAndResumeRepeatsTheRun() throws Exception {
        ExperimentSpec spec = mixed("mixed", 2, LABELLED_ID);
        List<StepReport> reports = new ArrayList<>();
        RunResult reference = services.training.train(spec, runs, new RunListener() {
            @Override
            public void onStep(StepReport report) {
                reports.add(report);
            }
        });
        // 16 images in batches of 4: 4 anomaly batches and 4 / (3 - 1) = 2 segmentation steps per epoch
        assertEquals(12, reference.stepsCompleted());
        assertEquals(6, reports.get(0).stepsPerEpoch());
        List<String> rows = TrainingServiceTest.losses(reference.runDir());
        String header = Files.readAllLines(reference.runDir().resolve(TrainLog.FILE)).get(0);
        assertEquals("epoch,step,global_step,inlier-posterior,outlier-posterior,outlier-energy,segmentation-ce,total,"
                + "lr,images_per_s,data_wait_ms", header);
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            boolean segmentation = (i % 6 + 1) % 3 == 0;
            assertEquals(segmentation, cells[3].equals("NaN"), "anomaly terms absent exactly on segmentation steps: "
                    + rows.get(i));
            assertEquals(!segmentation, cells[6].equals("NaN"), "segmentation-ce only on segmentation steps: "
                    + rows.get(i));
            assertEquals(segmentation, reports.get(i).terms().keySet().equals(java.util.Set.of("segmentation-ce")),
                    "the step report lists the terms of the step: " + reports.get(i).terms());
        }

        // canceled after a segmentation step of epoch 2: the resume must pick the right anomaly batch up again
        RunResult canceled = services.training.train(spec, runs, TrainingServiceTest.cancelAfter(10));
        assertTrue(canceled.canceled());
        RunResult resumed = services.training.resume(canceled.runDir(), RunListener.NONE);
        assertEquals(12, resumed.stepsCompleted());
        assertEquals(rows, TrainingServiceTest.losses(canceled.runDir()), "cancel + resume gives the same losses");
        assertArrayEquals(Files.readAllBytes(reference.runDir().resolve("checkpoints/epoch-002.params")),
                Files.readAllBytes(canceled.runDir().resolve("checkpoints/epoch-002.params")),
                "cancel + resume gives the same final parameters");
    }

    @Test
    void aClassAboveTheNetworksCountStopsNamingTheFile() throws Exception {
        EngineException e = assertThrows(EngineException.class,
                () -> services.training.train(mixed("class-9", 1, TOO_MANY_CLASSES_ID), runs, RunListener.NONE));
        assertTrue(e.getMessage().startsWith("test-labelled-class-9:0 holds class 9; expected classes 0 to 3 (the "
                + "network's class count is 4)"), e.getMessage());
    }

    @Test
    void labelsNotInTheLossAreIgnored() throws Exception {
        // the same images, once with the border ignored and once labelled background: the first segmentation
        // step's segmentation-ce differs only if ignored pixels are left out (not read as class 0, not refused)
        services.register(NegativeSource.class, new Labelled("test-border-labelled", 2, false), "test-border-labelled");
        ExperimentSpec ignored = everyStep(mixed("ignored", 1, LABELLED_ID));
        ExperimentSpec labelled = everyStep(mixed("labelled", 1, "test-border-labelled"));
        String a = TrainingServiceTest.losses(services.training.train(ignored, runs, RunListener.NONE).runDir()).get(1);
        String b = TrainingServiceTest.losses(services.training.train(labelled, runs, RunListener.NONE).runDir())
                .get(1);
        assertFalse(a.split(",")[6].equals(b.split(",")[6]), "segmentation-ce with and without ignored pixels: "
                + a + " / " + b);
    }

    @Test
    void pretrainingWritesWeightsThatAnAnomalyExperimentLoads() throws Exception {
        ExperimentSpec spec = mixed("pre", 2, LABELLED_ID);
        RunResult pretrained = services.training.pretrain(spec, runs, RunListener.NONE);
        assertEquals("pre-pretrain", pretrained.runDir().getParent().getFileName().toString());
        assertEquals(2, pretrained.stepsCompleted(), "6 labelled images in batches of 4: one step per epoch");
        assertTrue(Files.readAllLines(pretrained.runDir().resolve(TrainLog.FILE)).get(0)
                .startsWith("epoch,step,global_step,segmentation-ce,total,"), "segmentation-ce alone");
        for (String row : TrainingServiceTest.losses(pretrained.runDir())) {
            assertFalse(row.split(",")[3].equals("NaN"), "segmentation-ce on every step: " + row);
        }
        Path weights = TrainingService.pretrainedWeights(pretrained.runDir());
        assertTrue(Files.isRegularFile(weights), weights + " written");

        ExperimentSpec scratch = EngineServices.tiny("scratch", 1, EngineServices.paperLoss());
        ExperimentSpec fromWeights = withWeights(scratch, weights);
        assertEquals(List.of(), services.training.validate(fromWeights));
        String first = TrainingServiceTest.losses(services.training.train(scratch, runs, RunListener.NONE).runDir())
                .get(0);
        String loaded = TrainingServiceTest.losses(services.training.train(fromWeights, runs, RunListener.NONE)
                .runDir()).get(0);
        assertFalse(first.equals(loaded), "the same seed from pretrained weights starts elsewhere: " + first + " / "
                + loaded);

        ExperimentSpec otherNetwork = withWeights(new ExperimentSpec(scratch.name(), new PluginChoice("deeplabv3",
                Map.of("depth", "18", "width", "0.125", "output-stride", "16", "classes", "5")), null,
                scratch.dataset(), scratch.categories(), scratch.negatives(), scratch.paste(), scratch.lossWeights(),
                scratch.freeze(), scratch.schedule(), scratch.seed(), scratch.metrics(), scratch.score()), weights);
        EngineException misfit = assertThrows(EngineException.class,
                () -> services.training.train(otherNetwork, runs, RunListener.NONE));
        assertTrue(misfit.getMessage().startsWith("weights: " + weights + " does not fit the experiment's network"),
                misfit.getMessage());

        EngineException none = assertThrows(EngineException.class, () -> services.training.pretrain(scratch, runs,
                RunListener.NONE));
        assertTrue(none.getMessage().contains("segmentation: missing; expected a <segmentation> source"),
                none.getMessage());
    }

    private static ExperimentSpec withWeights(ExperimentSpec spec, Path weights) {
        return new ExperimentSpec(spec.name(), spec.backbone(), weights, spec.dataset(), spec.categories(),
                spec.negatives(), spec.paste(), spec.lossWeights(), spec.freeze(), spec.schedule(), spec.seed(),
                spec.metrics(), spec.score(), spec.segmentation());
    }

    private static ExperimentSpec everyStep(ExperimentSpec spec) {
        return spec.withSchedule(spec.schedule().with(Schedule.SEGMENTATION_EVERY, 2)
                .with(Schedule.EPOCHS, 1));
    }

    /**
     * A labelled source of 6 grey-noise images: background class 0, a square of class {@code squareClass}, a
     * two-pixel border ignored (or background, class 0, when {@code ignoreBorder} is false).
     */
    static final class Labelled implements NegativeSource {
        private final String id;
        private final int squareClass;
        private final boolean ignoreBorder;

        Labelled(String id, int squareClass) {
            this(id, squareClass, true);
        }

        Labelled(String id, int squareClass, boolean ignoreBorder) {
            this.id = id;
            this.squareClass = squareClass;
            this.ignoreBorder = ignoreBorder;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return "Test labelled images";
        }

        @Override
        public String description() {
            return "Grey noise with a labelled square, for mixed-training tests.";
        }

        @Override
        public List<SettingDescriptor> settings() {
            return List.of();
        }

        @Override
        public NegativeSampler open(Settings settings) {
            throw new UnsupportedOperationException("only labelled images");
        }

        @Override
        public boolean providesClassLabels() {
            return true;
        }

        @Override
        public LabelledImages openLabelled(Settings settings) {
            List<LabelledImage> images = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                images.add(image(i));
            }
            return new LabelledImages() {
                @Override
                public String description() {
                    return id;
                }

                @Override
                public List<LabelledImage> images() {
                    return images;
                }

                @Override
                public List<String> problems() {
                    return List.of();
                }
            };
        }

        private LabelledImage image(int index) {
            int size = TestShapes.SIZE;
            return new LabelledImage() {
                @Override
                public String source() {
                    return id + ":" + index;
                }

                @Override
                public BufferedImage readImage() {
                    BufferedImage image = TestShapes.grey(9000 + index, size);
                    for (int y = 8; y < 20; y++) {
                        for (int x = 4 + index; x < 16 + index; x++) {
                            image.setRGB(x, y, 0x2040ff);
                        }
                    }
                    return image;
                }

                @Override
                public ClassLabels readLabels() {
                    int[] labels = new int[size * size];
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            boolean border = x < 2 || y < 2 || x >= size - 2 || y >= size - 2;
                            boolean square = y >= 8 && y < 20 && x >= 4 + index && x < 16 + index;
                            labels[y * size + x] = border ? (ignoreBorder ? LabelledImages.IGNORED : 0)
                                    : square ? squareClass : 0;
                        }
                    }
                    return new ClassLabels(size, size, labels);
                }
            };
        }
    }
}
