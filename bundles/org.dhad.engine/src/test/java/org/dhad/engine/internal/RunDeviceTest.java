package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.engine.EngineException;
import org.dhad.engine.PredictionReport;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.engine.StepReport;
import org.dhad.experiment.ComputeDevice;
import org.dhad.results.RunThresholds;
import org.dhad.results.ThresholdChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume, evaluate and predict on a device chosen for the session: the CPU works, and a GPU this CPU build of
 * libtorch does not see is refused in one line naming the devices there are, before a run file is read or written;
 * the device service offers the CPU alone and refuses the GPU in the same words.
 */
class RunDeviceTest {

    private static final String REFUSAL = "device cuda:0 is not available; libtorch 2.7.1 here sees cpu";

    private static EngineServices services;

    @TempDir
    static Path runs;

    @BeforeAll
    static void start() throws Exception {
        services = new EngineServices();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void resumeEvaluateAndPredictOnTheCpuAndRefuseAGpuThatIsNotThere() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        RunResult canceled = services.training.train(EngineServices.tiny("device", 1, EngineServices.paperLoss()),
                runs, new RunListener() {
                    @Override
                    public void onStep(StepReport report) {
                        steps.incrementAndGet();
                    }

                    @Override
                    public boolean isCanceled() {
                        return steps.get() >= 2;
                    }
                });
        Path run = canceled.runDir();
        assertTrue(canceled.canceled(), "canceled after two steps");
        byte[] experiment = Files.readAllBytes(run.resolve("experiment.json"));
        byte[] log = Files.readAllBytes(run.resolve(TrainLog.FILE));

        refused(() -> services.training.resume(run, ComputeDevice.cuda(0), RunListener.NONE), "resume");
        assertArrayEquals(log, Files.readAllBytes(run.resolve(TrainLog.FILE)), "a refused resume writes no log row");
        refused(() -> services.training.resume(runs.resolve("no-such-run"), ComputeDevice.cuda(0), RunListener.NONE),
                "resume of a folder that is not there: the device is refused first");
        RunResult resumed = services.training.resume(run, ComputeDevice.CPU, RunListener.NONE);
        assertEquals(4, resumed.stepsCompleted(), "resumed on the CPU to the end of the epoch");
        assertArrayEquals(experiment, Files.readAllBytes(run.resolve("experiment.json")),
                "the run keeps its experiment: the device is for this session");

        refused(() -> services.evaluation.evaluate(run, List.of(RunThresholds.DEFAULT_GOOD_RATE), ComputeDevice.cuda(0),
                RunListener.NONE), "evaluate");
        assertFalse(Files.exists(run.resolve(MetricsJson.FILE)), "a refused evaluation writes no metrics");
        services.evaluation.evaluate(run, List.of(RunThresholds.DEFAULT_GOOD_RATE), ComputeDevice.CPU,
                RunListener.NONE);
        assertTrue(Files.isRegularFile(run.resolve(MetricsJson.FILE)), "evaluated on the CPU");

        assertEquals(List.of(ComputeDevice.CPU), services.devices.available(), "the devices a CPU build offers");
        assertEquals(ComputeDevice.CPU, services.devices.placement(ComputeDevice.AUTO), "auto is the CPU here");
        assertEquals(ComputeDevice.CPU, services.devices.placement(ComputeDevice.CPU), "cpu is the CPU");
        refused(() -> services.devices.placement(ComputeDevice.cuda(0)), "the device service");

        Path image = runs.resolve("image.png");
        Sample sample = TestShapes.samples("a", Split.TEST, 8).get(0);
        ImageIO.write(sample.readImage(), "png", image.toFile());
        Path refusedOut = runs.resolve("refused");
        refused(() -> services.evaluation.predict(run, List.of(image), refusedOut, "a", ThresholdChoice.F1,
                ComputeDevice.cuda(0), RunListener.NONE), "predict");
        assertFalse(Files.exists(refusedOut), "a refused prediction writes nothing");
        PredictionReport report = services.evaluation.predict(run, List.of(image), runs.resolve("pred"), "a",
                ThresholdChoice.F1, ComputeDevice.CPU, RunListener.NONE);
        assertEquals(1, report.predictions().size(), "predicted on the CPU");
    }

    private static void refused(Executable call, String what) {
        EngineException e = assertThrows(EngineException.class, call, what + " on cuda:0");
        assertTrue(e.getMessage().startsWith(REFUSAL), what + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), what + ": one line: " + e.getMessage());
    }
}
