package org.dhad.metrics.internal;

import java.util.List;

import org.dhad.api.data.MaskRegions;
import org.dhad.api.metric.Curve;
import org.dhad.api.metric.ScoreMap;

/**
 * The per-region-overlap (PRO) curve of a category up to a false-positive-rate limit and the
 * normalised area under it, as the MVTec AD reference ({@code compute_pro} and {@code trapezoid}):
 * <ul>
 * <li>regions are the 8-connected components of each image's mask, over all images;</li>
 * <li>at threshold {@code t}, FPR is over all normal pixels and PRO is the mean over regions of the
 * fraction of the region's pixels scoring {@code >= t}; equal scores are one threshold;</li>
 * <li>the curve starts at (0, 0); the trapezoidal area over FPR in [0, limit] uses every point with
 * FPR {@code <=} limit plus a point linearly interpolated at the limit; it is divided by the limit.</li>
 * </ul>
 * Only thresholds up to the first whose FPR passes the limit are visited, and only anomalous pixels
 * scoring at least that are looked up (binary search in the shared {@link ScoreRanking}). Memory:
 * 8 bytes per such threshold, plus 5 bytes per pixel of one mask for region labelling.
 *
 * @param value normalised area, in [0, 1]
 * @param curve (FPR, PRO) from (0, 0) to the limit, thinned for plots
 */
record ProOverlap(double value, Curve curve) {

    /** Needs at least one anomalous and one normal pixel in {@code ranking}. */
    static ProOverlap compute(List<ScoreMap> maps, ScoreRanking ranking, double limit) {
        int end = 0;
        while (end < ranking.size() - 1 && ranking.fpr(end) <= limit) {
            end++;
        }
        float lowest = ranking.threshold(end);
        // pro[k + 1]: sum over regions of (pixels scoring exactly threshold(k)) / (region size) at first,
        // then summed up and divided by the region count in place; pro[0] is the origin.
        double[] pro = new double[end + 2];
        long[] regions = new long[1];
        MaskRegions labeller = new MaskRegions();
        for (ScoreMap map : maps) {
            float[] scores = map.scores();
            labeller.forEach(map.truth(), (pixels, size) -> {
                regions[0]++;
                double share = 1.0 / size;
                for (int i = 0; i < size; i++) {
                    float s = scores[pixels[i]];
                    if (s >= lowest) {
                        pro[ranking.indexOf(s) + 1] += share;
                    }
                }
            });
        }
        double sum = 0;
        for (int i = 1; i <= end + 1; i++) {
            sum += pro[i];
            pro[i] = sum / regions[0];
        }
        double area = 0;
        int last = 0;
        while (last + 1 <= end + 1 && x(ranking, last + 1) <= limit) {
            area += 0.5 * (pro[last + 1] + pro[last]) * (x(ranking, last + 1) - x(ranking, last));
            last++;
        }
        double xLast = x(ranking, last);
        double atLimit = pro[last];
        if (xLast < limit && last + 1 <= end + 1) {
            double xNext = x(ranking, last + 1);
            atLimit = pro[last] + (pro[last + 1] - pro[last]) * (limit - xLast) / (xNext - xLast);
            area += 0.5 * (atLimit + pro[last]) * (limit - xLast);
        }
        int points = last + 1;
        double yLimit = atLimit;
        Curve curve = CurveSampler.monotone("FPR", "PRO", points + (xLast < limit ? 1 : 0),
                i -> i < points ? x(ranking, i) : limit, i -> i < points ? pro[i] : yLimit);
        return new ProOverlap(area / limit, curve);
    }

    /** FPR of curve point {@code i}: 0 for the origin, else of threshold {@code i - 1}. */
    private static double x(ScoreRanking ranking, int i) {
        return i == 0 ? 0 : ranking.fpr(i - 1);
    }
}
