package org.dhad.installer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.registry.InstalledPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Installs real bundle jars into the running Equinox through a plugins folder in a temp directory. */
class FolderPluginInstallerTest {

    private BundleContext context;
    private Path work;
    private Path folder;
    private FolderPluginInstaller installer;

    @BeforeEach
    void setUp() throws IOException {
        context = FrameworkUtil.getBundle(FolderPluginInstallerTest.class).getBundleContext();
        work = Files.createTempDirectory("dhad-installer");
        folder = work.resolve("plugins");
        installer = new FolderPluginInstaller(context, folder);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (InstalledPlugin plugin : installer.installed()) {
            installer.remove(plugin.symbolicName());
        }
    }

    @Test
    void installedPluginIsActiveAndComesBackAfterARestart() throws Exception {
        Path jar = bundle("test.plugin.good", "org.dhad.api;version=\"[2.0,3)\"");
        List<InstalledPlugin> result = installer.install(jar);
        assertEquals(1, result.size(), "one plugin installed");
        assertEquals("active", result.get(0).state(), "started");
        assertTrue(Files.exists(folder.resolve("test.plugin.good_1.0.0.jar")), "kept in the plugins folder");
        Bundle bundle = bySymbolicName("test.plugin.good");
        assertEquals(Bundle.ACTIVE, bundle.getState(), "active in the framework");

        bundle.uninstall(); // as if the product restarted with a clean framework
        FolderPluginInstaller restarted = new FolderPluginInstaller(context, folder);
        assertEquals(Bundle.ACTIVE, bySymbolicName("test.plugin.good").getState(), "installed again at start");
        assertEquals(List.of("test.plugin.good"),
                restarted.installed().stream().map(InstalledPlugin::symbolicName).toList(), "listed");
    }

    @Test
    void unresolvablePluginIsRefusedByNameAndOthersKeepRunning() throws Exception {
        installer.install(bundle("test.plugin.keeps", "org.dhad.api;version=\"[2.0,3)\""));
        Path broken = bundle("test.plugin.broken", "com.example.missing;version=\"[2.0,3.0)\"");
        PluginException e = assertThrows(PluginException.class, () -> installer.install(broken));
        assertTrue(e.getMessage().contains("test.plugin.broken") && e.getMessage().contains("package com.example.missing")
                && e.getMessage().contains(">= 2.0.0"), "names the plugin, the package and the version: " + e.getMessage());
        assertNull(bySymbolicName("test.plugin.broken"), "broken bundle not left installed");
        assertFalse(Files.exists(folder.resolve("test.plugin.broken_1.0.0.jar")), "broken jar not kept");
        assertEquals(Bundle.ACTIVE, bySymbolicName("test.plugin.keeps").getState(), "other plugin untouched");
    }

    @Test
    void pluginBuiltForApi1IsRefusedInPlainWords() throws Exception {
        Path jar = bundle("test.plugin.oldapi", "org.dhad.api;version=\"[1.0,2)\"");
        PluginException e = assertThrows(PluginException.class, () -> installer.install(jar));
        assertTrue(e.getMessage().contains("Plugin test.plugin.oldapi 1.0.0 cannot be used: nothing installed provides "
                + "package org.dhad.api (version >= 1.0.0, not >= 2.0.0)"),
                "names the plugin, the API package and the 1.x range it wants: " + e.getMessage());
        assertNull(bySymbolicName("test.plugin.oldapi"), "refused bundle not left installed");
    }

    @Test
    void notABundleAndProductBundlesAreRefused() throws Exception {
        Path plain = work.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain), new Manifest())) {
            out.putNextEntry(new JarEntry("readme.txt"));
        }
        PluginException notBundle = assertThrows(PluginException.class, () -> installer.install(plain));
        assertTrue(notBundle.getMessage().contains("not an OSGi bundle"), notBundle.getMessage());

        Path shadow = bundle("org.dhad.api", "org.osgi.framework");
        PluginException product = assertThrows(PluginException.class, () -> installer.install(shadow));
        assertTrue(product.getMessage().contains("part of the product"), product.getMessage());

        PluginException missing = assertThrows(PluginException.class, () -> installer.install(work.resolve("nope.jar")));
        assertTrue(missing.getMessage().contains("nope.jar") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
    }

    @Test
    void removeUninstallsAndForgets() throws Exception {
        installer.install(bundle("test.plugin.removed", "org.dhad.api;version=\"[2.0,3)\""));
        InstalledPlugin removed = installer.remove("test.plugin.removed");
        assertEquals("removed", removed.state());
        assertNull(bySymbolicName("test.plugin.removed"), "uninstalled");
        assertTrue(installer.installed().isEmpty(), "forgotten");
        PluginException e = assertThrows(PluginException.class, () -> installer.remove("test.plugin.removed"));
        assertTrue(e.getMessage().contains("'test.plugin.removed'"), e.getMessage());
    }

    @Test
    void installsEveryNewBundleOfARepositoryFolder() throws Exception {
        Path repository = Files.createDirectories(work.resolve("repo/plugins"));
        Files.move(bundle("test.plugin.repo.a", "org.dhad.api;version=\"[2.0,3)\""), repository.resolve("a.jar"));
        Files.move(bundle("test.plugin.repo.b", "org.dhad.api;version=\"[2.0,3)\""), repository.resolve("b.jar"));
        Files.move(bundle("org.dhad.api", "org.osgi.framework"), repository.resolve("api.jar"));
        List<InstalledPlugin> installed = installer.install(work.resolve("repo"));
        assertEquals(List.of("test.plugin.repo.a", "test.plugin.repo.b"),
                installed.stream().map(InstalledPlugin::symbolicName).toList(), "product bundles skipped");
    }

    @Test
    void aPluginDeclaringAnIdAlreadyTakenIsRefusedNamingTheOtherBundle() throws Exception {
        // another bundle (here the test's own) already provides "dup-id"
        var taken = context.registerService(Provider.class, (Provider) java.lang.reflect.Proxy.newProxyInstance(
                Provider.class.getClassLoader(), new Class<?>[] {Provider.class}, (proxy, method, args) -> null),
                new java.util.Hashtable<>(java.util.Map.of(Provider.ID_PROPERTY, "dup-id")));
        try {
            Path duplicate = bundle("test.plugin.duplicate", "org.dhad.api;version=\"[2.0,3)\"", "dup-id");
            PluginException e = assertThrows(PluginException.class, () -> installer.install(duplicate));
            assertTrue(e.getMessage().contains("test.plugin.duplicate") && e.getMessage().contains("'dup-id'")
                    && e.getMessage().contains("already provided by " + context.getBundle().getSymbolicName()),
                    "names both bundles and the id: " + e.getMessage());
            assertNull(bySymbolicName("test.plugin.duplicate"), "not left installed");
            assertFalse(Files.exists(folder.resolve("test.plugin.duplicate_1.0.0.jar")), "not kept in the plugins folder");

            Path unique = bundle("test.plugin.unique", "org.dhad.api;version=\"[2.0,3)\"", "unique-id");
            assertEquals("active", installer.install(unique).get(0).state(), "a free id installs");
        } finally {
            taken.unregister();
        }
    }

    private Bundle bySymbolicName(String name) {
        return Stream.of(context.getBundles()).filter(b -> name.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private Path bundle(String symbolicName, String imports) throws IOException {
        return bundle(symbolicName, imports, null);
    }

    /** A bundle jar; with {@code providerId}, one DS component providing {@link Provider} with that id. */
    private Path bundle(String symbolicName, String imports, String providerId) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", imports);
        if (providerId != null) {
            main.putValue("Service-Component", "OSGI-INF/*.xml");
        }
        Path jar = work.resolve(symbolicName + System.nanoTime() + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("about.txt"));
            out.write(symbolicName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (providerId != null) {
                out.putNextEntry(new JarEntry("OSGI-INF/com.example.Component.xml"));
                out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"com.example.Component\">\n"
                        + "  <property name=\"id\" type=\"String\" value=\"" + providerId + "\"/>\n"
                        + "  <service><provide interface=\"" + Provider.class.getName() + "\"/></service>\n"
                        + "  <implementation class=\"com.example.Component\"/>\n"
                        + "</scr:component>\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}
