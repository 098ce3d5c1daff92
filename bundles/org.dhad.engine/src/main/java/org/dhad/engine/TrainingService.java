package org.dhad.engine;

import java.nio.file.Path;

import org.dhad.api.data.DecodedCache;
import java.util.List;

import org.dhad.experiment.ComputeDevice;
import org.dhad.experiment.ExperimentSpec;

/**
 * Trains DenseHybridAD experiments with the installed providers. Runs write to
 * {@code runsRoot/<name>/<yyyyMMdd-HHmmss>/}: {@code experiment.json}, {@code train-log.csv} and
 * {@code checkpoints/}. The same seed gives the same losses on CPU, also across a cancel and resume.
 */
public interface TrainingService {

    /**
     * Every problem with the experiment, all at once: unknown provider ids (with the known ones),
     * invalid settings, loss weights, schedule and paste ranges, a dataset that does not open or has no
     * training images in the chosen categories. Empty when the experiment can run.
     */
    List<String> validate(ExperimentSpec spec);

    /**
     * Validates, creates the run folder and trains; blocks until done or canceled.
     *
     * @throws EngineException listing every validation problem (nothing written then), or naming the
     *                         step and loss term that became NaN or infinite, or the file that failed
     */
    RunResult train(ExperimentSpec spec, Path runsRoot, RunListener listener) throws EngineException;

    /**
     * Segmentation pretraining: trains {@link ExperimentSpec#forPretraining() the experiment's network on its
     * segmentation source alone} in a run folder of {@code <name>-pretrain} and ends by writing
     * {@code weights.params} there ({@link RunResult#runDir()}), which the experiment's {@code weights} field
     * loads. A run of an experiment whose loss terms all need class labels is the same, so resume continues it.
     *
     * @throws EngineException when the experiment has no segmentation source (naming what is missing), or as
     *                         {@link #train}
     */
    RunResult pretrain(ExperimentSpec spec, Path runsRoot, RunListener listener) throws EngineException;

    /** The file a pretraining run folder holds its weights in once training ended. */
    static Path pretrainedWeights(Path runDir) {
        return runDir.resolve("weights.params");
    }

    /**
     * Continues a canceled or interrupted run from its last checkpoint, appending to its log.
     *
     * @param device where to continue, or null for the device of the run's experiment; the run folder keeps its
     *               experiment as it was
     * @throws EngineException naming the device asked for and the devices there are, before anything is read or
     *                         written; when the folder has no experiment or checkpoint; or as {@link #train}
     */
    RunResult resume(Path runDir, ComputeDevice device, RunListener listener) throws EngineException;

    /** {@link #resume(Path, ComputeDevice, RunListener)} on the device of the run's experiment. */
    default RunResult resume(Path runDir, RunListener listener) throws EngineException {
        return resume(runDir, null, listener);
    }

    /**
     * Builds the experiment's training batches for {@code epochs} epochs exactly as training does (its loader
     * threads, the image cache, the negatives pasted), without a network: what {@code dhad bench --data} measures.
     *
     * @param imageCacheBytes memory for resized training images, or -1 for what training uses
     * @return images per second of each epoch; the first decodes every image, later ones read the cache
     * @throws EngineException listing the experiment's problems, as {@link #train}
     */
    double[] measureLoading(ExperimentSpec spec, int epochs, long imageCacheBytes) throws EngineException;

    /**
     * {@link #measureLoading(ExperimentSpec, int, long)} with {@code decoded} as the disk tier of the training images
     * and the negatives (instead of {@link #decodedCache()}): a benchmark measures it in a folder of its own.
     *
     * @since 1.1
     */
    double[] measureLoading(ExperimentSpec spec, int epochs, long imageCacheBytes, DecodedCache decoded)
            throws EngineException;

    /**
     * The disk tier runs keep decoded training images and negative shapes in ({@code DHAD_DATA_CACHE_DIR},
     * {@code DHAD_DATA_CACHE_DISK_MB}); {@link DecodedCache#NONE} when it is off.
     *
     * @since 1.1
     */
    DecodedCache decodedCache();
}
