package org.dhad.ui.internal.experiment;

import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The part service of the tests: creates parts from the descriptors of the bundle's real Application.e4xmi
 * (so a descriptor id or class name that does not match the code fails here) and shows each part the way the
 * workbench renders it: the class named by its contribution URI, made by injection in a child context holding
 * the MPart and a parent Composite, in a shell of its own. Methods the workbench code does not call throw.
 */
final class PartHarness implements InvocationHandler {

    private final Display display;
    private final IEclipseContext context;
    private final Map<String, String> descriptors = new LinkedHashMap<>();
    private final Map<String, String> modelParts = new LinkedHashMap<>();
    private final List<MPart> parts = new ArrayList<>();
    private final Map<MPart, Shell> shells = new LinkedHashMap<>();
    private final EPartService service;

    PartHarness(Display display, IEclipseContext context) throws Exception {
        this.display = display;
        this.context = context;
        Bundle ui = FrameworkUtil.getBundle(PartHarness.class);
        try (InputStream in = ui.getEntry("Application.e4xmi").openStream()) {
            org.w3c.dom.Document model = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList list = model.getElementsByTagName("descriptors");
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                descriptors.put(e.getAttribute("elementId"), e.getAttribute("contributionURI"));
            }
            list = model.getElementsByTagName("children");
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                if (e.getAttribute("xsi:type").equals("basic:Part")) {
                    modelParts.put(e.getAttribute("elementId"), e.getAttribute("contributionURI"));
                }
            }
        }
        service = (EPartService) Proxy.newProxyInstance(EPartService.class.getClassLoader(),
                new Class<?>[] { EPartService.class }, this);
        context.set(EPartService.class, service);
        context.set(EModelService.class, (EModelService) Proxy.newProxyInstance(EModelService.class.getClassLoader(),
                new Class<?>[] { EModelService.class }, (p, m, a) -> {
                    if (m.getName().equals("find")) {
                        return null; // no stacks: parts are shown in shells
                    }
                    throw new UnsupportedOperationException("EModelService." + m.getName() + " in a test");
                }));
        context.set(org.eclipse.e4.ui.model.application.MApplication.class,
                org.eclipse.e4.ui.model.application.MApplicationFactory.INSTANCE.createApplication());
    }

    EPartService service() {
        return service;
    }

    Map<String, String> descriptors() {
        return descriptors;
    }

    /** Shows a part that the application model holds in the window (the navigator, the Plugins part). */
    MPart showModelPart(String id) throws Exception {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.setElementId(id);
        part.setContributionURI(modelParts.get(id));
        if (part.getContributionURI() == null) {
            throw new IllegalStateException("No part " + id + " in Application.e4xmi; it has " + modelParts.keySet());
        }
        return show(part);
    }

    /** The shown parts made from {@code descriptorId}, oldest first. */
    List<MPart> parts(String descriptorId) {
        return parts.stream().filter(p -> descriptorId.equals(p.getElementId())).toList();
    }

    Shell shell(MPart part) {
        return shells.get(part);
    }

    void dispose() {
        shells.values().forEach(Shell::dispose);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
        switch (method.getName()) {
            case "createPart": {
                String uri = descriptors.get((String) args[0]);
                if (uri == null) {
                    return null;
                }
                MPart part = MBasicFactory.INSTANCE.createPart();
                part.setElementId((String) args[0]);
                part.setContributionURI(uri);
                return part;
            }
            case "showPart":
            case "activate":
            case "bringToTop":
                return show((MPart) args[0]);
            case "getParts":
                return List.copyOf(parts);
            case "findPart":
                return parts.stream().filter(p -> args[0].equals(p.getElementId())).findFirst().orElse(null);
            case "getActivePart":
                return parts.isEmpty() ? null : parts.get(parts.size() - 1);
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "PartHarness";
            default:
                throw new UnsupportedOperationException("EPartService." + method.getName() + " in a test");
        }
    }

    private MPart show(MPart part) throws Exception {
        if (part.getObject() != null) {
            shells.get(part).setActive();
            return part;
        }
        String uri = part.getContributionURI();
        String[] bundleAndClass = uri.substring("bundleclass://".length()).split("/", 2);
        Bundle owner = null;
        for (Bundle b : FrameworkUtil.getBundle(PartHarness.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(bundleAndClass[0])) {
                owner = b;
            }
        }
        if (owner == null) {
            throw new IllegalStateException("No bundle " + bundleAndClass[0] + " for " + uri);
        }
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 800);
        shell.setText(part.getElementId());
        IEclipseContext partContext = context.createChild(part.getElementId());
        partContext.set(MPart.class, part);
        Composite parent = new Composite(shell, SWT.NONE);
        parent.setLayout(new FillLayout());
        partContext.set(Composite.class, parent);
        part.setContext(partContext);
        parts.add(part);
        shells.put(part, shell);
        part.setObject(ContextInjectionFactory.make(owner.loadClass(bundleAndClass[1]), partContext));
        shell.open();
        return part;
    }
}
