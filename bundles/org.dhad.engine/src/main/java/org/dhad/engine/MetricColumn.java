package org.dhad.engine;

/**
 * One metric of an evaluation report.
 *
 * @param id             metric id
 * @param displayName    the metric's name for people
 * @param higherIsBetter whether a larger value is better
 */
public record MetricColumn(String id, String displayName, boolean higherIsBetter) {
}
