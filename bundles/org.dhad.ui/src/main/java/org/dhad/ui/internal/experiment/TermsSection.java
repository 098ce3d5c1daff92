package org.dhad.ui.internal.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhad.api.ProviderKind;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.model.ExperimentDocument;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The loss terms (a check and a weight per installed term) and the metrics (a check per installed
 * metric). Ids the document names but nothing installs are listed too, so their problems make sense.
 */
final class TermsSection {

    private record LossRow(String id, Button check, Text weight) {
    }

    private final EditSession session;
    private final List<LossRow> lossRows = new ArrayList<>();
    private final List<Button> metricChecks = new ArrayList<>();

    private TermsSection(Composite parent, EditSession session) {
        this.session = session;
        losses(parent);
        metrics(parent);
    }

    static void create(Composite parent, EditSession session) {
        new TermsSection(parent, session);
    }

    private void losses(Composite parent) {
        ExperimentDocument doc = session.document();
        Map<String, Double> weights = doc.getLossWeights();
        FormRows rows = FormRows.group(parent, "Loss terms");
        Composite grid = rows.composite();
        header(grid, "Term");
        header(grid, "Weight");
        Map<String, String> descriptions = descriptions(ProviderKind.LOSS_TERM);
        Set<String> ids = new LinkedHashSet<>(weights.keySet());
        ids.addAll(descriptions.keySet());
        for (String id : ids) {
            Button check = new Button(grid, SWT.CHECK);
            check.setText(id);
            check.setSelection(weights.containsKey(id));
            check.setToolTipText(descriptions.getOrDefault(id, "Not installed"));
            check.setData(FormRows.FIELD, "lossTerms." + id);
            Text weight = new Text(grid, SWT.BORDER);
            weight.setText(weights.containsKey(id) ? Double.toString(weights.get(id)) : "1.0");
            weight.setToolTipText("Weight of '" + id + "' in the total loss");
            weight.setData(FormRows.FIELD, "lossTerms." + id + ".weight");
            GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(weight);
            lossRows.add(new LossRow(id, check, weight));
            check.addListener(SWT.Selection, e -> applyLosses());
            weight.addModifyListener(e -> applyLosses());
        }
    }

    private void applyLosses() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (LossRow row : lossRows) {
            if (!row.check().getSelection()) {
                continue;
            }
            try {
                weights.put(row.id(), Double.parseDouble(row.weight().getText().trim()));
            } catch (NumberFormatException e) {
                // The document keeps its weights until every checked weight parses.
                session.editDecimal("lossTerms", row.weight().getText(), v -> {
                });
                return;
            }
        }
        session.edit("lossTerms", () -> session.document().setLossWeights(weights));
    }

    private void metrics(Composite parent) {
        List<String> chosen = session.document().getMetrics();
        FormRows rows = FormRows.group(parent, "Metrics");
        Map<String, String> descriptions = descriptions(ProviderKind.METRIC);
        Set<String> ids = new LinkedHashSet<>(descriptions.keySet());
        ids.addAll(chosen);
        for (String id : ids) {
            Button check = new Button(rows.composite(), SWT.CHECK);
            check.setText(id);
            check.setSelection(chosen.contains(id));
            check.setToolTipText(descriptions.getOrDefault(id, "Not installed"));
            check.setData(FormRows.FIELD, "metrics." + id);
            check.addListener(SWT.Selection, e -> session.edit("metrics", () -> session.document()
                    .setMetrics(metricChecks.stream().filter(Button::getSelection).map(Button::getText).toList())));
            metricChecks.add(check);
        }
    }

    private Map<String, String> descriptions(ProviderKind kind) {
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (PluginDescriptor p : session.registry().list(kind)) {
            descriptions.putIfAbsent(p.id(), p.name() + ": " + p.description());
        }
        return descriptions;
    }

    private static void header(Composite grid, String text) {
        Label label = new Label(grid, SWT.NONE);
        label.setText(text);
        label.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
    }
}
