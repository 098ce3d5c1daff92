package org.dhad.ui.results.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhad.report.charts.RunCharts;
import org.dhad.results.ResultsException;
import org.dhad.results.RunComparison;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.ui.results.ResultsParts;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;

/**
 * Several runs side by side (all lines of the part's {@value ResultsParts#RUN_DIRS}) as the paper's Table I:
 * what sets each run apart and every metric in percent on the mean or one category, the best value of each
 * metric in bold; below, one curve per run; CSV and Markdown export of the table as {@link RunComparison} writes
 * it. Double-clicking a row opens that run's results.
 */
public final class ComparisonPart {

    /** Export formats. */
    enum Format {
        CSV("CSV", "*.csv", "csv"), MARKDOWN("Markdown", "*.md", "md");

        final String label;
        final String filter;
        final String extension;

        Format(String label, String filter, String extension) {
            this.label = label;
            this.filter = filter;
            this.extension = extension;
        }
    }

    static final String MEAN = "Mean over categories";

    private Composite root;
    private Combo category;
    private Label status;
    private SashForm sash;
    private ComparisonTable table;
    private CurvesPanel curves;
    private List<RunFolder> runs = List.of();
    private List<String> categories = List.of();
    private RunComparison comparison;
    private EPartService parts;
    private UserDialogs dialogs;

    @PostConstruct
    public void create(Composite parent, MPart part, UserDialogs userDialogs, @Optional EPartService partService) {
        parts = partService;
        dialogs = userDialogs;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(6, false));
        new Label(root, SWT.NONE).setText("Values on:");
        category = new Combo(root, SWT.READ_ONLY);
        category.addListener(SWT.Selection, e -> showTable());
        for (Format format : Format.values()) {
            button("Export " + format.label + "...", () -> exportWithDialog(format));
        }
        button("Refresh", () -> load(ResultsParts.runDirs(part)));
        status = new Label(root, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        load(ResultsParts.runDirs(part));
    }

    @Focus
    public void focus() {
        root.setFocus();
    }

    private void button(String text, Runnable action) {
        Button b = new Button(root, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void load(List<Path> dirs) {
        List<RunFolder> opened = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> union = new LinkedHashSet<>();
        Map<String, String> curveMetrics = new LinkedHashMap<>();
        for (Path dir : dirs) {
            try {
                RunFolder run = RunFolder.open(dir);
                opened.add(run);
                java.util.Optional<RunMetrics> metrics = run.metrics();
                metrics.ifPresent(m -> {
                    union.addAll(m.perCategory().keySet());
                    m.metricsWithCurves().forEach(id -> curveMetrics.putIfAbsent(id,
                            m.metric(id).map(RunMetrics.Metric::displayName).orElse(id)));
                });
            } catch (ResultsException e) {
                problems.add(e.getMessage());
            }
        }
        runs = List.copyOf(opened);
        categories = List.copyOf(union);
        String previous = category.getSelectionIndex() > 0 ? category.getText() : null;
        category.setItems(MEAN);
        categories.forEach(category::add);
        category.select(previous == null ? 0 : Math.max(0, categories.indexOf(previous) + 1));
        if (sash != null) {
            sash.dispose();
        }
        sash = new SashForm(root, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 6, 1));
        table = new ComparisonTable(sash, row -> openRun(row));
        curves = new CurvesPanel(sash, List.copyOf(curveMetrics.keySet()), List.copyOf(curveMetrics.values()),
                categories, categories, (id, cat) -> RunCharts.runCurves(runs, id, cat));
        sash.setWeights(40, 60);
        status.setText(problems.isEmpty() ? runs.size() + " runs" : String.join("\n", problems));
        showTable();
        root.layout(true, true);
    }

    private void showTable() {
        String selected = category.getSelectionIndex() <= 0 ? null : category.getText();
        try {
            comparison = RunComparison.of(runs, selected);
            table.show(comparison);
        } catch (ResultsException e) {
            comparison = null;
            status.setText(e.getMessage());
        }
        if (selected != null) {
            curves.selectCategory(selected);
        }
    }

    private void openRun(int row) {
        if (parts != null && row >= 0 && row < runs.size()) {
            ResultsParts.openResults(parts, runs.get(row).dir());
        }
    }

    private void exportWithDialog(Format format) {
        java.util.Optional<Path> file = dialogs.chooseFileToSave("Export " + format.label,
                Path.of("comparison." + format.extension), format.filter);
        if (file.isEmpty()) {
            return;
        }
        String result = export(file.get(), format);
        status.setText(result);
        root.layout(true);
        if (!result.startsWith("Exported")) {
            dialogs.showError("Export failed", result);
        }
    }

    /**
     * Writes the table shown to {@code file} (through a temporary file in the same folder, so that a failed
     * write leaves any older file whole); returns what happened, naming the file.
     */
    String export(Path file, Format format) {
        if (comparison == null) {
            return "Nothing to export to " + file + ": no run could be read";
        }
        String text = format == Format.CSV ? comparison.toCsv() : comparison.toMarkdown();
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return "Exported " + runs.size() + " runs to " + target;
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the message below names the real problem
                }
            }
            return "Cannot write " + target + ": " + e + "; expected a writable file in an existing folder";
        }
    }

    // --- for tests ---

    ComparisonTable table() {
        return table;
    }

    CurvesPanel curves() {
        return curves;
    }

    Combo category() {
        return category;
    }

    RunComparison comparison() {
        return comparison;
    }
}
