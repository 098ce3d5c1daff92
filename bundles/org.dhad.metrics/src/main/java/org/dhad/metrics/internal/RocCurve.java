package org.dhad.metrics.internal;

import org.dhad.api.metric.Curve;

/** The ROC curve of a ranking, starting at (0, 0), and the exact area under it. */
final class RocCurve {

    private RocCurve() {
    }

    /**
     * Trapezoidal area over all distinct thresholds, so tied scores of both classes count half, as in
     * scikit-learn's {@code roc_auc_score}. Summed in exact integer arithmetic (twice the area times
     * positives times negatives fits a long up to 2^31 pixels). Needs both classes.
     */
    static double area(ScoreRanking ranking) {
        long twiceArea = 0;
        long previousTp = 0;
        long previousFp = 0;
        for (int k = 0; k < ranking.size(); k++) {
            long tp = ranking.truePositives(k);
            long fp = ranking.falsePositives(k);
            twiceArea += (fp - previousFp) * (tp + previousTp);
            previousTp = tp;
            previousFp = fp;
        }
        return twiceArea / (2.0 * ranking.positives() * ranking.negatives());
    }

    /** The curve (FPR, TPR) from (0, 0) through every threshold, thinned for plots. */
    static Curve curve(ScoreRanking ranking) {
        return CurveSampler.monotone("FPR", "TPR", ranking.size() + 1, i -> i == 0 ? 0 : ranking.fpr(i - 1),
                i -> i == 0 ? 0 : ranking.tpr(i - 1));
    }
}
