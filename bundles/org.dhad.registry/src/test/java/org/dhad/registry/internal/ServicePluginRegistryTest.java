package org.dhad.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.dhad.api.PluginException;
import org.dhad.api.ProviderKind;
import org.dhad.api.metric.Metric;
import org.dhad.api.registry.PluginConflict;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.registry.fixture.FixtureMetric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Installs real bundles carrying DS components into the running Equinox and checks that the registry
 * follows them: appear on start, disappear on stop and uninstall, conflicts reported.
 */
class ServicePluginRegistryTest {

    private static final long TIMEOUT_MS = 10_000;

    private BundleContext context;
    private ServiceTracker<PluginRegistry, PluginRegistry> tracker;
    private PluginRegistry registry;
    private final List<Bundle> installed = new ArrayList<>();

    @BeforeEach
    void setUp() throws InterruptedException {
        context = FrameworkUtil.getBundle(ServicePluginRegistryTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, PluginRegistry.class, null);
        tracker.open();
        registry = tracker.waitForService(TIMEOUT_MS);
        assertNotNull(registry, "PluginRegistry service not registered within " + TIMEOUT_MS + " ms");
    }

    @AfterEach
    void tearDown() throws BundleException {
        for (Bundle bundle : installed) {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        }
        tracker.close();
    }

    @Test
    void bundleStartedAtRunTimeAppearsAndStoppedOneDisappears() throws Exception {
        Bundle bundle = install("test.fixture.appear", "fixture-appear");
        assertTrue(ids(ProviderKind.METRIC).isEmpty() || !ids(ProviderKind.METRIC).contains("fixture-appear"),
                "not listed before start");
        bundle.start();
        await(() -> ids(ProviderKind.METRIC).contains("fixture-appear"), "provider listed after start");
        PluginDescriptor descriptor = registry.list(ProviderKind.METRIC).stream()
                .filter(d -> d.id().equals("fixture-appear")).findFirst().orElseThrow();
        assertEquals("test.fixture.appear", descriptor.bundle(), "bundle recorded");
        assertEquals("Fixture fixture-appear", descriptor.name(), "display name read from the provider");
        assertEquals("fixture-appear", registry.get(Metric.class, "fixture-appear").id(), "get by id");

        bundle.stop();
        await(() -> !ids(ProviderKind.METRIC).contains("fixture-appear"), "provider gone after stop");
        bundle.start();
        await(() -> ids(ProviderKind.METRIC).contains("fixture-appear"), "provider back after restart");
        bundle.uninstall();
        await(() -> !ids(ProviderKind.METRIC).contains("fixture-appear"), "provider gone after uninstall");
    }

    @Test
    void twoProvidersWithOneIdAreAConflictNotShadowed() throws Exception {
        install("test.fixture.first", "fixture-dup").start();
        install("test.fixture.second", "fixture-dup").start();
        await(() -> registry.list(ProviderKind.METRIC).stream().filter(d -> d.id().equals("fixture-dup"))
                .count() == 2, "both registrations listed");
        List<PluginConflict> conflicts = registry.conflicts();
        assertEquals(1, conflicts.size(), "one conflict: " + conflicts);
        PluginConflict conflict = conflicts.get(0);
        assertEquals("fixture-dup", conflict.id(), "conflicting id");
        assertEquals(List.of("test.fixture.first", "test.fixture.second"),
                conflict.providers().stream().map(PluginDescriptor::bundle).toList(), "both bundles named");
        PluginException e = assertThrows(PluginException.class, () -> registry.get(Metric.class, "fixture-dup"));
        assertTrue(e.getMessage().contains("test.fixture.first") && e.getMessage().contains("test.fixture.second"),
                "message names both bundles: " + e.getMessage());

        installed.get(1).stop();
        await(() -> registry.conflicts().isEmpty(), "conflict resolved when one provider stops");
        assertEquals("test.fixture.first", registry.list(ProviderKind.METRIC).stream()
                .filter(d -> d.id().equals("fixture-dup")).findFirst().orElseThrow().bundle(), "survivor");
    }

    @Test
    void unknownIdNamesTheInstalledOnes() throws Exception {
        install("test.fixture.known", "fixture-known").start();
        await(() -> ids(ProviderKind.METRIC).contains("fixture-known"), "provider listed");
        PluginException e = assertThrows(PluginException.class, () -> registry.get(Metric.class, "no-such-metric"));
        assertTrue(e.getMessage().contains("'no-such-metric'") && e.getMessage().contains("fixture-known"),
                "message names the id and the installed ones: " + e.getMessage());
    }

    private List<String> ids(ProviderKind kind) {
        return registry.list(kind).stream().map(PluginDescriptor::id).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + TIMEOUT_MS + " ms waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Builds a bundle holding {@link FixtureMetric} and a DS descriptor giving it {@code id}, and installs it. */
    private Bundle install(String symbolicName, String id) throws IOException, BundleException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "org.dhad.api;version=\"[2.0,3)\",org.dhad.api.metric;version=\"[2.0,3)\"");
        main.putValue("Service-Component", "OSGI-INF/fixture.xml");
        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + symbolicName
                + "\" activate=\"activate\">\n"
                + "  <implementation class=\"" + FixtureMetric.class.getName() + "\"/>\n"
                + "  <service><provide interface=\"" + Metric.class.getName() + "\"/></service>\n"
                + "  <property name=\"id\" value=\"" + id + "\"/>\n"
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
        Bundle bundle = context.installBundle("test:" + symbolicName + "/" + System.nanoTime(),
                new java.io.ByteArrayInputStream(jar.toByteArray()));
        installed.add(bundle);
        return bundle;
    }
}
