package org.dhad.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.dhad.api.ProviderKind;
import org.dhad.api.metric.Metric;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.ui.fixture.FixtureMetric;
import org.dhad.ui.internal.experiment.ScriptedDialogs;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Builds the Plugins part in a shell the way the workbench does (injection from the OSGi service
 * context, which finds the DS registry) and reads its table: it must show exactly what the registry
 * lists, and follow a provider bundle installed, stopped and started while the part is open. Needs an
 * X display (Xvfb); skipped with a message without one.
 */
class PluginsPartTest {

    private static final long TIMEOUT_MS = 15_000;
    private static final String FIXTURE_BUNDLE = "test.fixture.ui";
    private static final String FIXTURE_ID = "fixture-ui";

    private static Display display;

    private BundleContext bundleContext;
    private ServiceTracker<PluginRegistry, PluginRegistry> tracker;
    private PluginRegistry registry;
    private IEclipseContext partContext;
    private Shell shell;
    private Bundle fixture;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @AfterAll
    static void closeDisplay() {
        if (display != null) {
            display.dispose();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        // Checked per test (not in @BeforeAll) so that Surefire reports skipped tests instead of none.
        String x = System.getenv("DISPLAY");
        assumeTrue(x != null && !x.isBlank(),
                "No X display (DISPLAY is unset): skipping the Plugins part test; run the build under xvfb-run -a");
        if (display == null) {
            display = Display.getDefault();
        }
        bundleContext = FrameworkUtil.getBundle(PluginsPartTest.class).getBundleContext();
        tracker = new ServiceTracker<>(bundleContext, PluginRegistry.class, null);
        tracker.open();
        registry = tracker.waitForService(TIMEOUT_MS);
        assertNotNull(registry, "PluginRegistry service not registered within " + TIMEOUT_MS + " ms");

        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 600);
        partContext = EclipseContextFactory.getServiceContext(bundleContext).createChild("PluginsPartTest");
        partContext.set(Composite.class, shell);
        partContext.set(UserDialogs.class, dialogs);
    }

    @AfterEach
    void tearDown() throws BundleException {
        if (shell == null) {
            return;
        }
        partContext.dispose();
        shell.dispose();
        if (fixture != null && fixture.getState() != Bundle.UNINSTALLED) {
            fixture.uninstall();
        }
        tracker.close();
    }

    @Test
    void showsExactlyWhatTheRegistryListsWithTheColumnsOfDhadPlugins() throws Exception {
        fixture = installFixture();
        fixture.start();
        ContextInjectionFactory.make(PluginsPart.class, partContext);
        shell.open();
        await(() -> fixtureRow() != null, "the fixture provider's row");
        await(() -> rows().equals(expectedRows()), "table rows equal to the registry's list");

        assertEquals(List.of("Kind", "Id", "Name", "Bundle", "Version", "Description"),
                Arrays.stream(table().getColumns()).map(TableColumn::getText).toList(), "column titles");
        assertEquals(List.of("metric", FIXTURE_ID, "Fixture " + FIXTURE_ID, FIXTURE_BUNDLE, "1.0.0",
                "Test provider " + FIXTURE_ID + " installed by PluginsPartTest"), fixtureRow(), "fixture row");
        List<String> kinds = rows().stream().map(r -> r.get(0)).toList();
        assertEquals(kinds.stream().sorted((a, b) -> Integer.compare(ordinal(a), ordinal(b))).toList(), kinds,
                "rows grouped by kind in the registry's kind order");
    }

    @Test
    void providerBundleStartedAndStoppedWhileOpenAppearsAndDisappears() throws Exception {
        ContextInjectionFactory.make(PluginsPart.class, partContext);
        shell.open();
        spin(300);
        assertEquals(null, fixtureRow(), "no fixture row before its bundle exists");
        int before = rows().size();

        fixture = installFixture();
        fixture.start();
        await(() -> fixtureRow() != null, "the fixture row after its bundle started");
        assertEquals(before + 1, rows().size(), "exactly one row added: " + rows());

        fixture.stop();
        await(() -> fixtureRow() == null, "no fixture row after its bundle stopped");
        assertEquals(before, rows().size(), "only the stopped bundle's row went: " + rows());

        fixture.start();
        await(() -> fixtureRow() != null, "the fixture row back after its bundle started again");
        fixture.uninstall();
        await(() -> fixtureRow() == null, "no fixture row after its bundle was uninstalled");
    }

    @Test
    void pluginInstalledAndRemovedFromTheViewComesAndGoesWithoutRestart() throws Exception {
        PluginsPart part = ContextInjectionFactory.make(PluginsPart.class, partContext);
        shell.open();
        spin(300);
        java.nio.file.Path jar = java.nio.file.Files.createTempFile("fixture-ui", ".jar");
        java.nio.file.Files.write(jar, fixtureJar());
        try {
            String installed = part.installBar().install(jar);
            assertTrue(installed.startsWith("Installed " + FIXTURE_BUNDLE), "install message: " + installed);
            await(() -> fixtureRow() != null, "the installed plugin's row");
            String removed = part.installBar().remove(FIXTURE_BUNDLE);
            assertTrue(removed.startsWith("Removed " + FIXTURE_BUNDLE), "remove message: " + removed);
            await(() -> fixtureRow() == null, "no row after the plugin was removed");
            String refused = part.installBar().install(jar.resolveSibling("no-such-plugin.jar"));
            assertTrue(refused.contains("no-such-plugin.jar") && refused.contains("does not exist"),
                    "a missing file is named: " + refused);
            assertEquals(List.of("error Plugin not installed: " + refused), dialogs.log(),
                    "the refusal is shown in an error dialog; the successes are not");
        } finally {
            java.nio.file.Files.deleteIfExists(jar);
        }
    }

    /** What the table should show: the registry's list with the part's column texts. */
    private List<List<String>> expectedRows() {
        return registry.list().stream().map(p -> List.of(p.kind().label(), p.id(), p.name(), p.bundle(),
                p.bundleVersion(), p.description())).toList();
    }

    private List<String> fixtureRow() {
        return rows().stream().filter(r -> r.get(1).equals(FIXTURE_ID) && r.get(3).equals(FIXTURE_BUNDLE))
                .findFirst().orElse(null);
    }

    private List<List<String>> rows() {
        Table table = table();
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < table.getColumnCount(); i++) {
                row.add(item.getText(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private Table table() {
        Table table = findTable(shell);
        assertNotNull(table, "the Plugins part created no Table in its parent");
        return table;
    }

    private static Table findTable(Control control) {
        if (control instanceof Table table) {
            return table;
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Table found = findTable(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int ordinal(String kindLabel) {
        return ProviderKind.fromLabel(kindLabel).ordinal();
    }

    /** Runs the SWT event loop (so the part's poll timer fires) until the condition holds. */
    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + TIMEOUT_MS + " ms waiting for: " + what
                        + "; the table has " + rows().size() + " rows, the registry lists "
                        + registry.list().stream().map(p -> p.kind().label() + "/" + p.id() + "@" + p.bundle())
                                .toList());
            }
            spin(20);
        }
    }

    private static void spin(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            while (display.readAndDispatch()) {
                // drain pending events and timers
            }
            Thread.sleep(10);
        } while (System.nanoTime() < end);
    }

    /** Builds a bundle holding {@link FixtureMetric} and a DS descriptor giving it its id, and installs it. */
    private Bundle installFixture() throws IOException, BundleException {
        return bundleContext.installBundle("test:" + FIXTURE_BUNDLE + "/" + System.nanoTime(),
                new ByteArrayInputStream(fixtureJar()));
    }

    /** The fixture bundle as jar bytes. */
    private static byte[] fixtureJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", FIXTURE_BUNDLE);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "org.dhad.api;version=\"[2.0,3)\",org.dhad.api.metric;version=\"[2.0,3)\"");
        main.putValue("Service-Component", "OSGI-INF/fixture.xml");
        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + FIXTURE_BUNDLE
                + "\" activate=\"activate\">\n"
                + "  <implementation class=\"" + FixtureMetric.class.getName() + "\"/>\n"
                + "  <service><provide interface=\"" + Metric.class.getName() + "\"/></service>\n"
                + "  <property name=\"id\" value=\"" + FIXTURE_ID + "\"/>\n"
                + "</scr:component>\n";
        String classEntry = FixtureMetric.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest);
                InputStream classBytes = FixtureMetric.class.getClassLoader().getResourceAsStream(classEntry)) {
            assertNotNull(classBytes, "fixture class file " + classEntry);
            out.putNextEntry(new JarEntry("OSGI-INF/fixture.xml"));
            out.write(component.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry(classEntry));
            classBytes.transferTo(out);
        }
        return jar.toByteArray();
    }
}
