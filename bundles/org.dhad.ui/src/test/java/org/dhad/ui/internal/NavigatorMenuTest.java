package org.dhad.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dhad.ui.internal.experiment.ScriptedDialogs;
import org.dhad.ui.internal.experiment.UiTestSupport;
import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.dhad.ui.internal.navigator.NavigatorPart;
import org.dhad.ui.results.ResultsParts;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MPopupMenu;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The navigator's context menu in the real workbench: it is the navigator part's popup menu of
 * Application.e4xmi, rendered on the tree; its entries are enabled and labelled from the navigator's selection
 * by their handlers, and choosing one (or executing its command through the handler service, or double-clicking
 * for Open) runs the handler.
 */
class NavigatorMenuTest {

    private static final List<String> ENTRIES = List.of("Open", "Open Results", "Show Training", "Resume Training",
            "Resume On Device...", "Evaluate", "Evaluate On Device...", "-", "Compare Runs", "Export HTML Report...", "Start Slurm Sweep...", "Open Run Folder...", "-",
            "Refresh");

    @Test
    void contextMenuComesFromTheModelAndRunsTheHandlersOfItsCommands(@TempDir Path workspace) throws Exception {
        Display display = UiTestSupport.display();
        Path first = evaluatedRun(workspace.resolve("runs/exp/20990101-100000"), 0.875);
        Path second = evaluatedRun(workspace.resolve("runs/exp/20990101-110000"), 0.9);
        try (TestWorkbench workbench = TestWorkbench.start(display, workspace)) {
            MApplication app = workbench.app();
            ScriptedDialogs dialogs = new ScriptedDialogs();
            app.getContext().set(UserDialogs.class, dialogs);
            MPart part = (MPart) app.getContext().get(EModelService.class).find(NavigatorPart.PART_ID, app);
            assertTrue(part.getObject() instanceof NavigatorPart, "the navigator is rendered: " + part.getObject());
            NavigatorPart navigator = (NavigatorPart) part.getObject();
            List<MPopupMenu> popups = part.getMenus().stream().filter(MPopupMenu.class::isInstance)
                    .map(MPopupMenu.class::cast).toList();
            assertEquals(List.of(NavigatorPart.POPUP_MENU_ID), popups.stream().map(MPopupMenu::getElementId).toList(),
                    "one popup menu in the model");
            Tree tree = UiTestSupport.find((Control) part.getWidget(), Tree.class).get(0);
            assertNotNull(tree.getMenu(), "the tree has a context menu");
            assertSame(popups.get(0).getWidget(), tree.getMenu(), "the tree's menu is the model's, rendered");

            assertEquals(ENTRIES, labels(show(tree.getMenu())), "the entries, as the navigator always had them");
            assertEquals(List.of("Open Run Folder...", "Refresh"), enabled(show(tree.getMenu())),
                    "without a selection only what needs none");

            navigator.selectRuns(List.of(first));
            List<MenuItem> items = show(tree.getMenu());
            assertEquals("Evaluate Again", items.get(5).getText(), "Evaluate reads Evaluate Again on an evaluated run");
            assertEquals(List.of("Open", "Open Results", "Show Training", "Evaluate Again",
                    "Evaluate On Device...", "Export HTML Report...",
                    "Open Run Folder...", "Refresh"), enabled(items), "one evaluated run selected");
            choose(items, "Open Results");
            assertEquals(List.of("Results: exp/20990101-100000"), labels(app, ResultsParts.RESULTS_DESCRIPTOR),
                    "Open Results ran its handler: the run's results are open");

            IEclipseContext window = workbench.window().getContext();
            ParameterizedCommand compare = window.get(ECommandService.class).createCommand(
                    "org.dhad.ui.command.compare", null);
            EHandlerService handlers = window.get(EHandlerService.class);
            assertFalse(handlers.canExecute(compare), "Compare Runs needs two runs");
            navigator.selectRuns(List.of(first, second));
            assertTrue(handlers.canExecute(compare), "two runs selected: Compare Runs");
            handlers.executeHandler(compare);
            assertEquals(List.of("Comparison (2 runs)"), labels(app, ResultsParts.COMPARISON_DESCRIPTOR),
                    "the comparison of both runs is open");
            assertEquals(List.of(second, first), ResultsParts.runDirs(window.get(EPartService.class).getParts()
                    .stream().filter(p -> p.getElementId().equals(ResultsParts.COMPARISON_DESCRIPTOR)).findFirst()
                    .orElseThrow()), "of the selected runs, in tree order (newest first)");

            // A double-click executes Open: on a folder it closes and opens it.
            Folder group = new Folder("runs/exp", "exp");
            assertTrue(navigator.isExpanded(group), "the new group folder opened by itself");
            navigator.select(List.of(group));
            tree.notifyListeners(SWT.DefaultSelection, new Event());
            assertFalse(navigator.isExpanded(group), "double-click closed the folder through the Open command");
            assertEquals(List.of(), dialogs.log(), "no error shown, nothing asked");
        }
    }

    /** Opens the menu as SWT does before showing it: the renderer updates entries and enablement. */
    static List<MenuItem> show(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        List<MenuItem> items = Arrays.asList(menu.getItems());
        menu.notifyListeners(SWT.Hide, new Event());
        return items;
    }

    static List<String> labels(List<MenuItem> items) {
        return items.stream().map(i -> (i.getStyle() & SWT.SEPARATOR) != 0 ? "-" : i.getText()).toList();
    }

    static List<String> enabled(List<MenuItem> items) {
        return items.stream().filter(i -> (i.getStyle() & SWT.SEPARATOR) == 0 && i.isEnabled()).map(MenuItem::getText)
                .toList();
    }

    static void choose(List<MenuItem> items, String text) {
        MenuItem item = items.stream().filter(i -> i.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + text + " in " + labels(items)));
        item.notifyListeners(SWT.Selection, new Event());
    }

    /** The labels of the open parts made from {@code descriptor}. */
    private static List<String> labels(MApplication app, String descriptor) {
        List<String> labels = new ArrayList<>();
        for (MPart part : app.getContext().get(EModelService.class).findElements(app, descriptor, MPart.class)) {
            labels.add(part.getLabel());
        }
        return labels;
    }

    private static Path evaluatedRun(Path dir, double auroc) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("experiment.json"), "{\"name\":\"exp\",\"schedule\":{\"epochs\":1},"
                + "\"lossWeights\":{\"inlier-posterior\":1.0}}", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("metrics.json"), """
                {"score":"HYBRID","metrics":[{"id":"pixel-auroc","displayName":"Pixel AUROC","higherIsBetter":true}],
                 "categories":{"fabric":{"pixel-auroc":{"value":%s}}},"mean":{"pixel-auroc":%s},"images":4}
                """.formatted(auroc, auroc), StandardCharsets.UTF_8);
        return dir;
    }
}
