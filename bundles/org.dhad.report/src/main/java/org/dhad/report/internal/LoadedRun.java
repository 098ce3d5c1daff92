package org.dhad.report.internal;

import java.util.Optional;

import org.dhad.results.Gallery;
import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.RunState;
import org.dhad.results.TrainingHistory;

/**
 * A run's files read once for the report. A file that cannot be read is kept as its error message, so the
 * report shows that message in the run's section instead of failing for every run.
 *
 * @param run           the run folder
 * @param state         where the run stands
 * @param history       the training log, empty when it cannot be read
 * @param historyError  why the training log could not be read, or null
 * @param metrics       the metrics, empty when not evaluated or unreadable
 * @param metricsError  why {@code metrics.json} could not be read, or null
 * @param gallery       the scored test images, empty when none are indexed or the index is unreadable
 * @param galleryError  why {@code gallery.json} could not be read, or null
 */
public record LoadedRun(RunFolder run, RunState state, TrainingHistory history, String historyError,
        Optional<RunMetrics> metrics, String metricsError, Optional<Gallery> gallery, String galleryError) {

    /** Reads {@code run}'s log, metrics and gallery. */
    public static LoadedRun read(RunFolder run) {
        TrainingHistory history = TrainingHistory.empty();
        String historyError = null;
        try {
            history = run.history();
        } catch (ResultsException e) {
            historyError = e.getMessage();
        }
        Optional<RunMetrics> metrics = Optional.empty();
        String metricsError = null;
        try {
            metrics = run.metrics();
        } catch (ResultsException e) {
            metricsError = e.getMessage();
        }
        Optional<Gallery> gallery = Optional.empty();
        String galleryError = null;
        try {
            gallery = run.gallery();
        } catch (ResultsException e) {
            galleryError = e.getMessage();
        }
        return new LoadedRun(run, run.state(), history, historyError, metrics, metricsError, gallery, galleryError);
    }

    /** {@code <experiment>/<timestamp>}. */
    public String label() {
        return run.label();
    }
}
