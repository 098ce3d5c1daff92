package org.dhad.installer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/** Says in plain words which mandatory requirements of a bundle nothing in the framework provides. */
final class UnresolvedRequirements {

    private static final Pattern NAME = Pattern.compile("\\((osgi\\.wiring\\.package|osgi\\.wiring\\.bundle|osgi\\.ee|osgi\\.extender)=([^)]*)\\)");
    private static final Pattern VERSION = Pattern.compile("\\((!\\()?(version|bundle-version)(>=|<=|=)([^)]*)\\)");

    private final Bundle bundle;
    private final FrameworkWiring wiring;

    UnresolvedRequirements(Bundle bundle, FrameworkWiring wiring) {
        this.bundle = bundle;
        this.wiring = wiring;
    }

    String describe() {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return "it was uninstalled";
        }
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            Map<String, String> directives = requirement.getDirectives();
            // Optional and run-time-only (effective:=active, e.g. bnd's osgi.service) requirements never block resolution.
            if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                    || Namespace.EFFECTIVE_ACTIVE.equals(directives.get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE))
                    || requirement.getNamespace().startsWith("osgi.identity")) {
                continue;
            }
            if (wiring.findProviders(requirement).isEmpty()) {
                missing.add(words(requirement));
            }
        }
        return missing.isEmpty() ? "it does not resolve (no missing requirement could be named)"
                : "nothing installed provides " + String.join("; ", missing);
    }

    /** "package com.example (version >= 2.0.0, not >= 3.0.0)" from the requirement's filter. */
    private static String words(Requirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String kind = switch (requirement.getNamespace()) {
            case PackageNamespace.PACKAGE_NAMESPACE -> "package";
            case BundleNamespace.BUNDLE_NAMESPACE -> "bundle";
            default -> requirement.getNamespace();
        };
        Matcher name = NAME.matcher(filter);
        String subject = name.find() ? name.group(2) : filter;
        List<String> bounds = new ArrayList<>();
        Matcher version = VERSION.matcher(filter);
        while (version.find()) {
            bounds.add((version.group(1) != null ? "not " : "") + version.group(3) + " " + version.group(4));
        }
        return kind + " " + subject + (bounds.isEmpty() ? "" : " (version " + String.join(", ", bounds) + ")");
    }
}
