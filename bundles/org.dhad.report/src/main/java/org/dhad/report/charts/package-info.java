/**
 * Charts of runs with JFreeChart: the training log ({@link org.dhad.report.charts.RunCharts#trainingLoss},
 * learning rate, throughput) and metric curves (ROC, PR, PRO) of one run's categories or of several runs,
 * ready for the workbench (drawn into any {@code Graphics2D}) and the HTML report
 * ({@link org.dhad.report.charts.ChartSvg}).
 */
package org.dhad.report.charts;
