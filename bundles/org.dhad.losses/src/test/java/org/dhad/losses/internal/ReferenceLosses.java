package org.dhad.losses.internal;

import org.dhad.losses.LossTermIds;

/** The six terms written out in plain Java doubles, pixel by pixel, as the tests' reference. */
final class ReferenceLosses {

    private ReferenceLosses() {
    }

    /** ln σ(x), by a branch formula different from the one under test. */
    static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    /** ln Σ_k e^{s_k} at pixel {@code p}. */
    static double logSumExp(Batch b, int p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < b.c(); k++) {
            max = Math.max(max, b.classLogits()[b.classIndex(p, k)]);
        }
        double sum = 0;
        for (int k = 0; k < b.c(); k++) {
            sum += Math.exp(b.classLogits()[b.classIndex(p, k)] - max);
        }
        return max + Math.log(sum);
    }

    static double value(String id, Batch b) {
        return switch (id) {
            case LossTermIds.INLIER_POSTERIOR -> inlierPosterior(b);
            case LossTermIds.OUTLIER_POSTERIOR -> outlierPosterior(b);
            case LossTermIds.OUTLIER_ENERGY -> outlierEnergy(b);
            case LossTermIds.ENERGY_MARGIN -> energyMargin(b);
            case LossTermIds.DENSEHYBRID_BCE -> bce(b);
            case LossTermIds.SEGMENTATION_CE -> segmentationCrossEntropy(b);
            default -> throw new IllegalArgumentException("no reference for " + id);
        };
    }

    static double inlierPosterior(Batch b) {
        double sum = 0;
        int count = 0;
        for (int p = 0; p < b.pixels(); p++) {
            if (b.outlierLabels()[p] == 0) {
                sum += logSigmoid(-b.outlierLogits()[p]);
                count++;
            }
        }
        return count == 0 ? 0 : -sum / count;
    }

    static double outlierPosterior(Batch b) {
        double sum = 0;
        int count = 0;
        for (int p = 0; p < b.pixels(); p++) {
            if (b.outlierLabels()[p] == 1) {
                sum += logSigmoid(b.outlierLogits()[p]);
                count++;
            }
        }
        return count == 0 ? 0 : -sum / count;
    }

    static double outlierEnergy(Batch b) {
        double sum = 0;
        int count = 0;
        for (int p = 0; p < b.pixels(); p++) {
            if (b.outlierLabels()[p] == 1) {
                sum += logSumExp(b, p);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    static double energyMargin(Batch b) {
        double in = 0;
        double out = 0;
        int inCount = 0;
        int outCount = 0;
        for (int p = 0; p < b.pixels(); p++) {
            double logDensity = logSumExp(b, p);
            if (b.outlierLabels()[p] == 1) {
                double excess = Math.max(0, logDensity - EnergyMarginTerm.OUTLIER_MARGIN);
                out += excess * excess;
                outCount++;
            } else {
                double shortfall = Math.max(0, EnergyMarginTerm.INLIER_MARGIN - logDensity);
                in += shortfall * shortfall;
                inCount++;
            }
        }
        return (inCount == 0 ? 0 : in / inCount) + (outCount == 0 ? 0 : out / outCount);
    }

    static double bce(Batch b) {
        double sum = 0;
        for (int p = 0; p < b.pixels(); p++) {
            double y = b.outlierLabels()[p];
            double g = b.outlierLogits()[p];
            // −[y ln σ(g) + (1 − y) ln(1 − σ(g))], with 1 − σ(g) written as σ(−g)
            sum -= y * logSigmoid(g) + (1 - y) * logSigmoid(-g);
        }
        return sum / b.pixels();
    }

    static double segmentationCrossEntropy(Batch b) {
        double sum = 0;
        int count = 0;
        for (int p = 0; p < b.pixels(); p++) {
            long label = b.classLabels()[p];
            if (label >= 0) {
                sum += logSumExp(b, p) - b.classLogits()[b.classIndex(p, (int) label)];
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}
