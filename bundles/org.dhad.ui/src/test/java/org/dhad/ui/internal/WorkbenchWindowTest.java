package org.dhad.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import org.dhad.ui.internal.experiment.UiTestSupport;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledToolItem;
import org.eclipse.e4.ui.model.application.ui.menu.MToolBar;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real workbench, started as the product starts it (E4Application over Application.e4xmi, starting from the
 * model each time) and rendered on the test's display: its first window fits the monitor it opens on, the size
 * the user leaves is used at the next start, and the toolbar shows icons whose tooltips name the key binding.
 * Run under {@code xvfb-run -a -s "-screen 0 1280x800x24"}: a screen smaller than the model's 1400x880 window.
 */
class WorkbenchWindowTest {

    private static final String WINDOW_KEY = "window.bounds.org.dhad.ui.window.main";

    @TempDir
    Path workspace;

    private Display display;

    @BeforeEach
    void forgetRememberedBounds() throws Exception {
        display = UiTestSupport.display();
        InstanceScope.INSTANCE.getNode(WindowBoundsAddon.NODE).remove(WINDOW_KEY);
    }

    @Test
    void firstWindowFitsTheMonitorAndLaterSizesAreRemembered() throws Exception {
        Rectangle fitted;
        try (TestWorkbench workbench = TestWorkbench.start(display, workspace)) {
            Shell shell = workbench.shell();
            Rectangle area = shell.getMonitor().getClientArea();
            assumeTrue(area.width < 1400 + 40 || area.height < 880 + 40, "the screen (" + area
                    + ") holds the model's window anyway; run under xvfb-run -s \"-screen 0 1280x800x24\"");
            fitted = shell.getBounds();
            assertTrue(area.contains(fitted.x, fitted.y) && fitted.x + fitted.width <= area.x + area.width
                    && fitted.y + fitted.height <= area.y + area.height,
                    "the first window " + fitted + " lies inside the monitor's client area " + area);
            assertEquals(new Rectangle(area.x + WindowBoundsAddon.MARGIN, area.y + WindowBoundsAddon.MARGIN,
                    Math.min(1400, area.width - 2 * WindowBoundsAddon.MARGIN),
                    Math.min(880, area.height - 2 * WindowBoundsAddon.MARGIN)), fitted,
                    "shrunk to the client area less the margin, moved as little as that takes");

            shell.setBounds(90, 70, 700, 500); // what the user leaves
            UiTestSupport.await(display, () -> workbench.window().getWidth() == 700, 5000,
                    "the model to follow the shell's size", () -> "model width " + workbench.window().getWidth());
        }
        try (TestWorkbench workbench = TestWorkbench.start(display, workspace)) {
            assertEquals(new Rectangle(90, 70, 700, 500), workbench.shell().getBounds(),
                    "the second start opens the window where and as large as the user left it");
        }
    }

    @Test
    void onlyWhatDoesNotFitIsMovedOrShrunk() {
        Rectangle right = new Rectangle(1920, 0, 1280, 800); // a second monitor right of a 1920 px one
        assertEquals(new Rectangle(2000, 100, 800, 600), WindowBoundsAddon.fit(new Rectangle(2000, 100, 800, 600),
                right), "a window that fits stays where it is, even at the monitor's edge");
        assertEquals(new Rectangle(2380, 100, 800, 600), WindowBoundsAddon.fit(new Rectangle(2900, 100, 800, 600),
                right), "moved left just enough, keeping the margin; its size kept");
        assertEquals(new Rectangle(1940, 20, 1240, 760), WindowBoundsAddon.fit(new Rectangle(1960, 40, 1400, 880),
                right), "larger than the monitor: the client area less the margin");
    }

    @Test
    void toolbarShowsIconsWithTooltipsNamingTheKeyBinding() throws Exception {
        try (TestWorkbench workbench = TestWorkbench.start(display, workspace)) {
            MApplication app = workbench.app();
            List<MHandledToolItem> items = app.getChildren().get(0) instanceof MTrimmedWindow window
                    ? window.getTrimBars().stream().flatMap(t -> t.getChildren().stream())
                            .filter(MToolBar.class::isInstance).flatMap(t -> ((MToolBar) t).getChildren().stream())
                            .filter(MHandledToolItem.class::isInstance).map(MHandledToolItem.class::cast).toList()
                    : List.of();
            assertEquals(7, items.size(), "New, Open, Save, Undo, Redo, Train, Compare");
            for (MHandledToolItem model : items) {
                assertTrue(model.getWidget() instanceof ToolItem, model.getElementId() + " rendered as a tool item");
                ToolItem item = (ToolItem) model.getWidget();
                assertNotNull(item.getImage(), model.getElementId() + ": an icon");
                assertEquals(16, item.getImage().getBounds().width, model.getElementId() + ": a 16-pixel icon");
                assertEquals("", item.getText(), model.getElementId() + ": the icon replaces the text label");
                List<String> keys = app.getBindingTables().stream().flatMap(t -> t.getBindings().stream())
                        .filter(k -> k.getCommand() == model.getCommand()).map(k -> k.getKeySequence()
                                .replace("M1", "Ctrl").replace("M2", "Shift").replace("M3", "Alt"))
                        .toList();
                for (String key : keys) {
                    assertTrue(item.getToolTipText().contains(key), model.getElementId() + ": the tooltip '"
                            + item.getToolTipText() + "' names the binding " + key);
                }
                assertTrue(keys.size() > 0 || model.getElementId().endsWith(".compare"),
                        model.getElementId() + ": every command but Compare has a key binding; it has " + keys);
            }
            assertEquals("Save the experiment (Ctrl+S)", ((ToolItem) items.get(2).getWidget()).getToolTipText(),
                    "the binding once: the renderer does not add it again");
        }
    }
}
