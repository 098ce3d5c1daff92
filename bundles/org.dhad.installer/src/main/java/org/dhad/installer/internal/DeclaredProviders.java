package org.dhad.installer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.dhad.api.Provider;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The providers a bundle declares in its Declarative Services descriptions ({@code Service-Component}): each
 * provided interface with the component's {@value Provider#ID_PROPERTY} property. Read from the jar before the
 * bundle starts, so that an id already taken is refused at install instead of surfacing later as a conflict.
 */
final class DeclaredProviders {

    /** One declared provider: the service interface and the id it is registered with. */
    record Declared(String serviceInterface, String id) {
    }

    private DeclaredProviders() {
    }

    /** Every (interface, id) the bundle's component descriptions declare; a description that does not parse is skipped. */
    static List<Declared> of(Bundle bundle) {
        String header = bundle.getHeaders().get("Service-Component");
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<Declared> declared = new ArrayList<>();
        for (String path : header.split(",")) {
            for (URL entry : entries(bundle, path.trim())) {
                try (InputStream in = entry.openStream()) {
                    declared.addAll(parse(in));
                } catch (IOException | SAXException | ParserConfigurationException e) {
                    // SCR reports a broken description when the bundle starts; it declares nothing here
                }
            }
        }
        return declared;
    }

    /**
     * Words naming each declared provider whose id another bundle already registers for the same interface, e.g.
     * {@code metric 'pixel-iou' (already provided by com.example.other 1.0.0)}; empty when there is none.
     */
    static List<String> conflicts(Bundle bundle, BundleContext context) {
        List<String> conflicts = new ArrayList<>();
        for (Declared d : of(bundle)) {
            ServiceReference<?>[] taken;
            try {
                taken = context.getAllServiceReferences(d.serviceInterface(),
                        "(" + Provider.ID_PROPERTY + "=" + escaped(d.id()) + ")");
            } catch (InvalidSyntaxException e) {
                continue; // an id no filter can hold is no id the registry can find either
            }
            for (ServiceReference<?> reference : taken == null ? new ServiceReference<?>[0] : taken) {
                Bundle owner = reference.getBundle();
                if (owner != null && owner.getBundleId() != bundle.getBundleId()) {
                    conflicts.add(simpleName(d.serviceInterface()) + " '" + d.id() + "' (already provided by "
                            + owner.getSymbolicName() + " " + owner.getVersion() + ")");
                }
            }
        }
        return conflicts;
    }

    private static List<URL> entries(Bundle bundle, String path) {
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "/" : path.substring(0, slash);
        String pattern = path.substring(slash + 1);
        var found = bundle.findEntries(folder, pattern, false);
        return found == null ? List.of() : Collections.list(found);
    }

    private static List<Declared> parse(InputStream in) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(in);
        List<Declared> declared = new ArrayList<>();
        NodeList components = document.getElementsByTagNameNS("*", "component");
        if (components.getLength() == 0) {
            components = document.getElementsByTagName("component");
        }
        for (int i = 0; i < components.getLength(); i++) {
            Element component = (Element) components.item(i);
            String id = null;
            NodeList properties = component.getElementsByTagName("property");
            for (int p = 0; p < properties.getLength(); p++) {
                Element property = (Element) properties.item(p);
                if (Provider.ID_PROPERTY.equals(property.getAttribute("name"))) {
                    id = property.getAttribute("value").trim();
                }
            }
            NodeList provides = component.getElementsByTagName("provide");
            for (int p = 0; id != null && !id.isEmpty() && p < provides.getLength(); p++) {
                declared.add(new Declared(((Element) provides.item(p)).getAttribute("interface"), id));
            }
        }
        return declared;
    }

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    /** {@code org.dhad.api.metric.Metric} → {@code metric}: the extension point as users name it. */
    private static String simpleName(String serviceInterface) {
        String name = serviceInterface.substring(serviceInterface.lastIndexOf('.') + 1);
        return name.isEmpty() ? serviceInterface : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
