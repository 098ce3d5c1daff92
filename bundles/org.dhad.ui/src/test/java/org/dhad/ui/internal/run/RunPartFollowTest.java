package org.dhad.ui.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import org.dhad.ui.internal.experiment.UiTestSupport;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * The Run part following a run folder that another process writes (a {@code dhad train} in a terminal): the
 * charts come from the log and grow with it, the log text names the epochs with their mean loss, and the metrics
 * table and Open Results appear when {@code metrics.json} does.
 */
class RunPartFollowTest {

    private static final String HEADER = "epoch,step,global_step,inlier-posterior,outlier-energy,total,lr,images_per_s,"
            + "data_wait_ms\n";

    private Shell shell;
    private IEclipseContext context;

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void chartsLogAndMetricsFollowTheFiles(@TempDir Path runs) throws Exception {
        Display display = UiTestSupport.display();
        Path dir = runs.resolve("cli/20990101-000000");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("experiment.json"), "{\"name\":\"cli\",\"schedule\":{\"epochs\":2},"
                + "\"lossWeights\":{\"inlier-posterior\":1.0,\"outlier-energy\":0.3}}");
        Path log = dir.resolve("train-log.csv");
        Files.writeString(log, HEADER + "1,1,1,0.9,2.0,1.5,0.001,10,1\n1,2,2,0.8,1.0,1.1,0.001,11,1\n"
                + "1,3,3,0.7,0.5,0.85,0.0009,12,1\n");
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 700);
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("RunPartFollowTest");
        MPart model = MBasicFactory.INSTANCE.createPart();
        model.getPersistedState().put(RunPart.RUN_DIR_KEY, dir.toString());
        context.set(MPart.class, model);
        context.set(Composite.class, new Composite(shell, SWT.NONE));
        RunPart part = ContextInjectionFactory.make(RunPart.class, context);
        shell.open();
        UiTestSupport.spin(display, 100);

        assertEquals("Run cli/20990101-000000", model.getLabel(), "part label names the run");
        assertEquals(3, part.chartedSteps(), "charts from the three logged steps");
        XYDataset loss = part.charts().get(0).getChart().getXYPlot().getDataset();
        assertEquals(3, loss.getItemCount(0), "points of the first term");
        assertEquals(0.85, loss.getYValue(2, 2), 1e-6, "the total's last point is the logged total");
        assertFalse(part.openResultsButton().isEnabled(), "no results before evaluation");
        assertFalse(part.evaluated(), "no metrics before evaluation");
        assertEquals("appear here once the run is evaluated", part.metricsTable().getItem(0).getText(),
                "placeholder row");

        Files.writeString(log, "2,1,4,0.6,0.4,0.72,0.0005,12,1\n2,2,5,0.5,0.3,0.59,0.0001,12,1\n",
                StandardOpenOption.APPEND);
        part.poll();
        assertEquals(5, part.chartedSteps(), "the charts grow with the log");
        List<String> lines = Arrays.asList(UiTestSupport.find(shell, org.eclipse.swt.widgets.List.class).get(0)
                .getItems());
        assertTrue(lines.contains("Epoch 1: 3 steps logged, mean loss 1.1500"), "epoch 1 in the log: " + lines);
        assertTrue(lines.contains("Epoch 2: 2 steps logged, mean loss 0.6550"), "epoch 2 in the log: " + lines);

        Files.writeString(dir.resolve("metrics.json"), """
                {"metrics":[{"id":"pixel-auroc","displayName":"Pixel AUROC","higherIsBetter":true}],
                 "categories":{"fabric":{"pixel-auroc":{"value":0.9}}},"mean":{"pixel-auroc":0.9},"images":4}
                """, StandardCharsets.UTF_8);
        part.poll();
        assertTrue(part.openResultsButton().isEnabled(), "Open Results once evaluated");
        assertTrue(part.evaluated(), "metrics shown");
        assertEquals(2, part.metricsTable().getItemCount(), "category and mean rows");
        assertEquals("90.00", part.metricsTable().getItem(1).getText(1), "mean in percent");
        lines = Arrays.asList(UiTestSupport.find(shell, org.eclipse.swt.widgets.List.class).get(0).getItems());
        assertEquals("Evaluated (metrics.json)", lines.get(lines.size() - 1), "state at the end of the log");
    }
}
