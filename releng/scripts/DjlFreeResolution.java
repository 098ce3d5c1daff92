import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Proves that the plugin-facing bundles need no DJL: starts a real Equinox (the product's own
 * org.eclipse.osgi, which must be on the class path), installs the product's third-party bundles and
 * the bundles named in the list file, but never org.dhad.djl nor any bundle exporting ai.djl.*, then
 * checks every "resolves" line resolves and registers its DS services, and every "refused" line does
 * not resolve.
 * <p>
 * Usage: {@code java -cp org.eclipse.osgi_*.jar DjlFreeResolution.java <product plugins dir> <list file> [plugin jar...]};
 * extra jars are "resolves" entries. Exit code 0 only when every check ran and passed.
 */
public final class DjlFreeResolution {

    private static final long SERVICE_TIMEOUT_MS = 30_000;

    private record Candidate(String symbolicName, Path path, Manifest manifest) {
    }

    private static int failures;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DjlFreeResolution <product plugins dir> <list file> [plugin jar...]");
            System.exit(2);
        }
        Map<String, Candidate> product = candidates(Path.of(args[0]));
        Map<String, Boolean> expected = new LinkedHashMap<>(); // symbolic name -> must resolve
        Map<String, Candidate> chosen = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(Path.of(args[1]))) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2 || !(words[0].equals("resolves") || words[0].equals("refused"))) {
                fail(args[1] + ": cannot read '" + raw + "'; expected 'resolves <bundle>' or 'refused <bundle>'");
                continue;
            }
            Candidate candidate = product.get(words[1]);
            if (candidate == null) {
                fail(words[1] + " is not in " + args[0] + " (is the product materialized and the name right?)");
                continue;
            }
            expected.put(words[1], words[0].equals("resolves"));
            chosen.put(words[1], candidate);
        }
        for (int i = 2; i < args.length; i++) {
            Candidate plugin = candidate(Path.of(args[i]));
            if (plugin == null) {
                fail(args[i] + " is not an OSGi bundle");
                continue;
            }
            expected.put(plugin.symbolicName(), true);
            chosen.put(plugin.symbolicName(), plugin);
        }
        if (!expected.containsValue(true) || !expected.containsValue(false)) {
            fail("the list needs at least one 'resolves' and one 'refused' bundle, or the check proves nothing");
        }
        if (failures > 0) {
            finish(0);
            return;
        }

        Path storage = Files.createTempDirectory("djl-free-equinox");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("osgi.configuration.area", storage.resolve("configuration").toString());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            Map<String, Bundle> installed = new LinkedHashMap<>();
            for (Candidate c : product.values()) {
                if (!c.symbolicName().startsWith("org.dhad.") && !isDjl(c) && !isFramework(c)) {
                    installed.put(c.symbolicName(), install(context, c));
                }
            }
            for (Candidate c : chosen.values()) {
                installed.put(c.symbolicName(), install(context, c));
            }
            checkNoDjl(context);
            FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
            wiring.resolveBundles(installed.values());
            System.out.println("framework: " + installed.size() + " bundles installed, "
                    + installed.values().stream().filter(b -> b.getState() != Bundle.INSTALLED).count() + " resolved");
            startScr(installed);
            for (Map.Entry<String, Boolean> e : expected.entrySet()) {
                Bundle bundle = installed.get(e.getKey());
                boolean resolved = bundle.getState() != Bundle.INSTALLED;
                if (e.getValue() && resolved) {
                    checkServices(bundle);
                } else if (e.getValue()) {
                    fail(e.getKey() + " does not resolve without DJL; " + missing(bundle, wiring));
                } else if (resolved) {
                    fail(e.getKey() + " resolved although the framework has no DJL: the check cannot tell"
                            + " a DJL-free bundle from one that needs DJL");
                } else {
                    System.out.println("ok   " + e.getKey() + " is refused without DJL (" + missing(bundle, wiring) + ")");
                }
            }
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
        finish(expected.size());
    }

    private static void finish(int checked) {
        System.out.println("djl-free resolution: " + checked + " bundles checked, " + failures + " failed");
        System.exit(failures == 0 && checked > 0 ? 0 : 1);
    }

    private static void fail(String message) {
        failures++;
        System.out.println("FAIL " + message);
    }

    private static Map<String, Candidate> candidates(Path plugins) throws IOException {
        Map<String, Candidate> found = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(plugins)) {
            for (Path path : files.sorted().toList()) {
                Candidate c = candidate(path);
                if (c != null) {
                    found.putIfAbsent(c.symbolicName(), c);
                }
            }
        }
        return found;
    }

    private static Candidate candidate(Path path) throws IOException {
        Manifest manifest = null;
        if (Files.isDirectory(path) && Files.exists(path.resolve("META-INF/MANIFEST.MF"))) {
            try (InputStream in = Files.newInputStream(path.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in);
            }
        } else if (path.toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(path.toFile())) {
                manifest = jar.getManifest();
            }
        }
        String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        return name == null ? null : new Candidate(name.split(";")[0].trim(), path, manifest);
    }

    private static boolean isDjl(Candidate c) {
        String exports = c.manifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        return c.symbolicName().startsWith("ai.djl") || (exports != null && exports.contains("ai.djl"));
    }

    private static boolean isFramework(Candidate c) {
        return c.symbolicName().equals("org.eclipse.osgi") || c.symbolicName().startsWith("org.eclipse.equinox.launcher");
    }

    private static Bundle install(BundleContext context, Candidate c) throws BundleException {
        String location = Files.isDirectory(c.path()) ? "reference:" + c.path().toUri() : c.path().toUri().toString();
        return context.installBundle(location);
    }

    /** Guards the premise: nothing in the framework is DJL or offers its packages. */
    private static void checkNoDjl(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            boolean exportsDjl = revision != null && revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)
                    .stream().map(cap -> String.valueOf(cap.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                    .anyMatch(p -> p.startsWith("ai.djl"));
            if ("org.dhad.djl".equals(bundle.getSymbolicName()) || exportsDjl) {
                fail("the framework holds " + bundle.getSymbolicName() + ", which provides DJL");
            }
        }
    }

    private static void startScr(Map<String, Bundle> installed) {
        Bundle scr = installed.get("org.apache.felix.scr");
        if (scr == null) {
            fail("org.apache.felix.scr is not in the product, so DS components cannot be checked");
            return;
        }
        try {
            scr.start();
        } catch (BundleException e) {
            fail("Felix SCR does not start: " + e.getMessage());
        }
    }

    /** A bundle with DS components must have registered services once started. */
    private static void checkServices(Bundle bundle) throws InterruptedException {
        String components = bundle.getHeaders().get("Service-Component");
        try {
            bundle.start(Bundle.START_ACTIVATION_POLICY);
        } catch (BundleException e) {
            fail(bundle.getSymbolicName() + " resolves but does not start: " + e.getMessage());
            return;
        }
        if (components == null) {
            System.out.println("ok   " + bundle.getSymbolicName() + " resolves (no components)");
            return;
        }
        long deadline = System.currentTimeMillis() + SERVICE_TIMEOUT_MS;
        while (registered(bundle).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        List<String> services = registered(bundle);
        if (services.isEmpty()) {
            fail(bundle.getSymbolicName() + " resolves but registered no service within " + SERVICE_TIMEOUT_MS
                    + " ms (a component reference nothing here satisfies?)");
        } else {
            System.out.println("ok   " + bundle.getSymbolicName() + " resolves and registers " + services);
        }
    }

    private static List<String> registered(Bundle bundle) {
        List<String> names = new ArrayList<>();
        var references = bundle.getRegisteredServices();
        if (references != null) {
            for (var reference : references) {
                Object id = reference.getProperty("id");
                for (String type : (String[]) reference.getProperty(Constants.OBJECTCLASS)) {
                    names.add(type.substring(type.lastIndexOf('.') + 1) + (id == null ? "" : " '" + id + "'"));
                }
            }
        }
        return names;
    }

    /**
     * The mandatory requirements nothing installed provides, or that only unresolved bundles provide,
     * as their filters.
     */
    private static String missing(Bundle bundle, FrameworkWiring wiring) {
        List<String> missing = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (Requirement requirement : bundle.adapt(BundleRevision.class).getRequirements(null)) {
            if (Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE,
                    requirement.getNamespace());
            var providers = wiring.findProviders(requirement);
            if (providers.isEmpty()) {
                missing.add(filter);
            } else if (providers.stream().allMatch(p -> p.getRevision().getBundle().getState() == Bundle.INSTALLED)) {
                unresolved.add(filter + " only from unresolved "
                        + providers.stream().map(p -> p.getRevision().getSymbolicName()).distinct().toList());
            }
        }
        List<String> words = new ArrayList<>();
        if (!missing.isEmpty()) {
            words.add("missing " + String.join(", ", missing));
        }
        if (!unresolved.isEmpty()) {
            words.add("needs " + String.join(", ", unresolved));
        }
        return words.isEmpty() ? "no missing requirement could be named" : String.join("; ", words);
    }
}
