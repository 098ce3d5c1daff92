package org.dhad.ui.results.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dhad.report.charts.LabelledCurve;
import org.dhad.report.charts.RunCharts;
import org.dhad.results.Gallery;
import org.dhad.results.ResultsException;
import org.dhad.results.RunConfiguration;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.RunState;
import org.dhad.results.RunThresholds;
import org.dhad.ui.results.MetricsTable;
import org.dhad.ui.results.ResultsParts;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.jfree.chart.JFreeChart;

import jakarta.annotation.PostConstruct;

/**
 * The results of one run folder (the first line of the part's {@value ResultsParts#RUN_DIRS}): what was
 * trained and where the run stands, the metrics per category with their mean, the ROC/PR/PRO curves, the
 * scored test images with a threshold, and the decision thresholds evaluation chose (each can be shown in the
 * images). A run not evaluated yet says so, offers Refresh and looks again every
 * {@value #POLL_MS} ms until its metrics appear.
 */
public final class RunResultsPart {

    static final int POLL_MS = 5000;
    static final String ALL_CATEGORIES = "All categories";

    private Composite root;
    private Label title;
    private Label summary;
    private Composite content;
    private Path runDir;
    private MetricsTable metricsTable;
    private CurvesPanel curves;
    private GalleryPanel gallery;
    private ThresholdTable thresholds;
    private Label message;

    @PostConstruct
    public void create(Composite parent, MPart part) {
        runDir = ResultsParts.runDirs(part).stream().findFirst().orElse(null);
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        title = new Label(root, SWT.NONE);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        title.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        Button refresh = new Button(root, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.setToolTipText("Read the run folder again");
        refresh.addListener(SWT.Selection, e -> refresh());
        summary = new Label(root, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        refresh();
    }

    @Focus
    public void focus() {
        root.setFocus();
    }

    /** Reads the run folder again and rebuilds the view. */
    void refresh() {
        if (content != null) {
            content.dispose();
        }
        metricsTable = null;
        curves = null;
        gallery = null;
        thresholds = null;
        message = null;
        content = new Composite(root, SWT.NONE);
        content.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        content.setLayout(new GridLayout(1, false));
        if (runDir == null) {
            title.setText("No run");
            summary.setText("");
            say("This view has no run folder: its part state '" + ResultsParts.RUN_DIRS + "' is empty.");
        } else {
            try {
                show(RunFolder.open(runDir));
            } catch (ResultsException e) {
                title.setText(runDir.toString());
                summary.setText("");
                say(e.getMessage());
            }
        }
        root.layout(true, true);
    }

    private void show(RunFolder run) throws ResultsException {
        RunState state = run.state();
        RunConfiguration c = run.configuration();
        title.setText(run.label() + "  -  " + state.name().toLowerCase(java.util.Locale.ROOT));
        Optional<RunMetrics> evaluated = run.metrics();
        summary.setText(summary(run, c) + evaluated.map(m -> "\nEvaluated " + m.checkpoint() + " with the "
                + m.score() + " score on " + m.images() + " test images").orElse(""));
        if (evaluated.isEmpty()) {
            say("This run is not evaluated yet (" + state.name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + run.trainedEpochs() + " of " + c.epochs() + " epochs trained): " + run.dir().resolve(
                            RunMetrics.FILE) + " does not exist. Evaluate it (dhad evaluate " + run.dir()
                    + ") and press Refresh; this view also looks again every " + POLL_MS / 1000 + " s.");
            poll(run.dir());
            return;
        }
        RunMetrics metrics = evaluated.get();
        TabFolder tabs = new TabFolder(content, SWT.TOP);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        TabItem metricsTab = new TabItem(tabs, SWT.NONE);
        metricsTab.setText("Metrics and curves");
        SashForm sash = new SashForm(tabs, SWT.HORIZONTAL);
        metricsTab.setControl(sash);
        metricsTable = new MetricsTable(sash, "", null);
        metricsTable.show(metrics);
        List<String> ids = metrics.metricsWithCurves();
        List<String> names = ids.stream().map(id -> metrics.metric(id).map(RunMetrics.Metric::displayName)
                .orElse(id)).toList();
        List<String> keys = new ArrayList<>();
        keys.add(null);
        keys.addAll(metrics.perCategory().keySet());
        List<String> categoryNames = new ArrayList<>();
        categoryNames.add(ALL_CATEGORIES);
        categoryNames.addAll(metrics.perCategory().keySet());
        curves = new CurvesPanel(sash, ids, names, keys, categoryNames, (id, category) -> chart(run, metrics, id,
                category));
        sash.setWeights(45, 55);
        TabItem imagesTab = new TabItem(tabs, SWT.NONE);
        imagesTab.setText("Images");
        gallery = new GalleryPanel(tabs);
        imagesTab.setControl(gallery.control());
        Optional<Gallery> scored = run.gallery();
        if (scored.isPresent()) {
            gallery.show(scored.get(), true, "");
        } else {
            gallery.show(HeatmapFolder.gallery(run.dir()), false, "no threshold: this run was evaluated before "
                    + "scores were kept (no " + Gallery.FILE + "); showing its heat maps");
        }
        TabItem thresholdsTab = new TabItem(tabs, SWT.NONE);
        thresholdsTab.setText("Thresholds");
        Optional<RunThresholds> stored = run.thresholds();
        if (stored.isPresent()) {
            thresholds = new ThresholdTable(tabs, stored.get(), value -> {
                tabs.setSelection(imagesTab);
                gallery.type(value);
            });
            thresholdsTab.setControl(thresholds.control());
        } else {
            Label none = new Label(tabs, SWT.WRAP);
            none.setText("This run was evaluated before thresholds were stored (no " + RunThresholds.FILE
                    + "): evaluate it again (dhad evaluate " + run.dir() + ") to choose them.");
            thresholdsTab.setControl(none);
        }
    }

    private static JFreeChart chart(RunFolder run, RunMetrics metrics, String metricId, String category) {
        if (category == null) {
            return RunCharts.categoryCurves(run, metricId);
        }
        List<LabelledCurve> one = metrics.curve(category, metricId).map(c -> List.of(new LabelledCurve(category, c)))
                .orElse(List.of());
        String name = metrics.metric(metricId).map(RunMetrics.Metric::displayName).orElse(metricId);
        return RunCharts.curves(name + " - " + category + " - " + run.label(), one);
    }

    private static String summary(RunFolder run, RunConfiguration c) {
        String categories = c.categories().isEmpty() ? "all categories" : String.join(", ", c.categories());
        return "Backbone " + c.backboneDescription() + " · dataset " + c.dataset() + " (" + categories + ") · negatives "
                + c.negatives() + ", " + c.pasteMode().toLowerCase(java.util.Locale.ROOT) + " paste · loss "
                + c.lossSummary() + " · freeze " + c.freeze().toLowerCase(java.util.Locale.ROOT) + " · "
                + run.trainedEpochs() + " of " + c.epochs() + " epochs · seed " + c.seed() + "\n" + run.dir();
    }

    private void say(String text) {
        message = new Label(content, SWT.WRAP);
        message.setText(text);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button refresh = new Button(content, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.addListener(SWT.Selection, e -> refresh());
    }

    /** Looks for metrics.json while this message is shown; refreshes once it is there. */
    private void poll(Path dir) {
        Control shown = message;
        root.getDisplay().timerExec(POLL_MS, () -> {
            if (shown.isDisposed()) {
                return;
            }
            if (java.nio.file.Files.isRegularFile(dir.resolve(RunMetrics.FILE))) {
                refresh();
            } else {
                poll(dir);
            }
        });
    }

    // --- for tests ---

    MetricsTable metricsTable() {
        return metricsTable;
    }

    ThresholdTable thresholds() {
        return thresholds;
    }

    CurvesPanel curves() {
        return curves;
    }

    GalleryPanel gallery() {
        return gallery;
    }

    /** The message shown instead of results, null when results are shown. */
    String message() {
        return message == null || message.isDisposed() ? null : message.getText();
    }
}
