/**
 * The metric providers ({@code pixel-auroc}, {@code pixel-fpr95}, {@code pixel-ap}, {@code pixel-aupro},
 * {@code pixel-f1max}, {@code image-auroc}), the one pixel ranking they share, and the thresholds chosen from
 * the same rankings ({@link org.dhad.metrics.internal.TestSplitThresholds}).
 * <p>
 * All pixel metrics read one {@link org.dhad.metrics.internal.ScoreRanking} per
 * {@link org.dhad.api.metric.EvaluationData}: the distinct scores in descending order with cumulative
 * counts of anomalous and normal pixels at or above each. It is built once, without sorting the pixels,
 * by {@link org.dhad.metrics.internal.RankingBuilder}. Nothing here is exported: other bundles reach
 * the metrics as {@link org.dhad.api.metric.Metric} services by id.
 */
package org.dhad.metrics.internal;
