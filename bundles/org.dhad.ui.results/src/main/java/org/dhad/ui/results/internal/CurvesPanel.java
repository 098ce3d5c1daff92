package org.dhad.ui.results.internal;

import java.util.List;
import java.util.function.BiFunction;

import org.dhad.ui.results.ChartCanvas;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.jfree.chart.JFreeChart;

/**
 * A curves chart with a metric selector (the metrics that have curves: ROC, PR, PRO) and a category selector;
 * the chart comes from a function of (metric id, category) so that the same panel shows one run's categories
 * or several runs on one category.
 */
final class CurvesPanel {

    private final Composite root;
    private final Combo metrics;
    private final Combo categories;
    private final ChartCanvas canvas;
    private final List<String> metricIds;
    private final List<String> categoryKeys;
    private final BiFunction<String, String, JFreeChart> charts;

    /**
     * @param metricIds     metrics with curves, in order; {@code metricNames} their display names
     * @param categoryKeys  what the category selector passes to {@code charts} (null allowed: "all")
     * @param categoryNames what it shows
     */
    CurvesPanel(Composite parent, List<String> metricIds, List<String> metricNames, List<String> categoryKeys,
            List<String> categoryNames, BiFunction<String, String, JFreeChart> charts) {
        this.metricIds = List.copyOf(metricIds);
        this.categoryKeys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(categoryKeys));
        this.charts = charts;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(4, false));
        new Label(root, SWT.NONE).setText("Curve:");
        metrics = new Combo(root, SWT.READ_ONLY);
        metricNames.forEach(metrics::add);
        new Label(root, SWT.NONE).setText("Category:");
        categories = new Combo(root, SWT.READ_ONLY);
        categoryNames.forEach(categories::add);
        canvas = new ChartCanvas(root, SWT.BORDER);
        GridData chartData = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        chartData.widthHint = 420;
        chartData.heightHint = 320;
        canvas.setLayoutData(chartData);
        if (metricIds.isEmpty()) {
            metrics.add("no metric with a curve");
            metrics.setEnabled(false);
            categories.setEnabled(false);
        }
        metrics.select(0);
        categories.select(0);
        metrics.addListener(SWT.Selection, e -> update());
        categories.addListener(SWT.Selection, e -> update());
        update();
    }

    Composite control() {
        return root;
    }

    private void update() {
        int m = metrics.getSelectionIndex();
        int c = categories.getSelectionIndex();
        if (m < 0 || m >= metricIds.size() || c < 0 || c >= categoryKeys.size()) {
            canvas.setChart(null);
            return;
        }
        canvas.setChart(charts.apply(metricIds.get(m), categoryKeys.get(c)));
    }

    /** Selects the category whose key is {@code key}, if listed. */
    void selectCategory(String key) {
        int i = categoryKeys.indexOf(key);
        if (i >= 0 && i != categories.getSelectionIndex()) {
            categories.select(i);
            update();
        }
    }

    Combo metrics() {
        return metrics;
    }

    Combo categories() {
        return categories;
    }

    JFreeChart chart() {
        return canvas.getChart();
    }
}
