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

import org.dhad.ui.results.UserDialogs;
import org.eclipse.core.commands.Category;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.CommandServiceAddon;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.ContextFunction;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
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
 * Around the parts it puts what the workbench would: the model's commands with their handlers, a selection
 * service that keeps each part's selection, and {@link ScriptedDialogs}.
 */
public final class PartHarness implements InvocationHandler {

    /** Where a part's selection service keeps the part's selection (the workbench's key). */
    private static final String SELECTION_KEY = "org.eclipse.ui.output.selection";
    /** Where the handler service leaves the exception of a handler that failed (its internal key). */
    private static final String HANDLER_EXCEPTION = "HandlerServiceImpl.exception";

    private final Display display;
    private final IEclipseContext context;
    private final Map<String, String> descriptors = new LinkedHashMap<>();
    private final Map<String, String> modelParts = new LinkedHashMap<>();
    private final List<MPart> parts = new ArrayList<>();
    private final Map<MPart, Shell> shells = new LinkedHashMap<>();
    private final EPartService service;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

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
            activateHandlers(model, ui);
        }
        context.set(UserDialogs.class, dialogs);
        context.set(ESelectionService.class.getName(), new ContextFunction() {
            @Override
            public Object compute(IEclipseContext owner, String key) {
                return selectionService(owner);
            }
        });
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

    public EPartService service() {
        return service;
    }

    /** The dialogs the parts and handlers get. */
    public ScriptedDialogs dialogs() {
        return dialogs;
    }

    /** Whether the handler of a model command can run now, as the menu entry's enablement would say. */
    public boolean canExecute(String commandId) {
        return context.get(EHandlerService.class).canExecute(command(commandId));
    }

    /** Executes a model command through the handler service, as its menu entry would; its failure fails. */
    public void execute(String commandId) {
        IEclipseContext call = EclipseContextFactory.create("execute " + commandId);
        try {
            context.get(EHandlerService.class).executeHandler(command(commandId), call);
            if (call.get(HANDLER_EXCEPTION) instanceof Exception e) {
                throw new AssertionError(commandId + " did not run: " + e, e);
            }
        } finally {
            call.dispose();
        }
    }

    private ParameterizedCommand command(String commandId) {
        ParameterizedCommand command = context.get(ECommandService.class).createCommand(commandId, null);
        if (command == null) {
            throw new IllegalArgumentException("No command " + commandId + " in Application.e4xmi");
        }
        return command;
    }

    /** Defines the model's commands and activates its handlers in the harness's context, as the workbench does. */
    private void activateHandlers(org.w3c.dom.Document model, Bundle ui) throws ClassNotFoundException {
        ContextInjectionFactory.make(CommandServiceAddon.class, context);
        ECommandService commands = context.get(ECommandService.class);
        EHandlerService handlers = context.get(EHandlerService.class);
        Category category = commands.defineCategory("org.dhad.ui.test", "Application.e4xmi", null);
        Map<String, String> commandIds = new LinkedHashMap<>();
        NodeList list = model.getElementsByTagName("commands");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            commandIds.put(e.getAttribute("xmi:id"), e.getAttribute("elementId"));
            commands.defineCommand(e.getAttribute("elementId"), e.getAttribute("commandName"), null, category, null);
        }
        list = model.getElementsByTagName("handlers");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            String type = e.getAttribute("contributionURI").substring(("bundleclass://" + ui.getSymbolicName()
                    + "/").length());
            handlers.activateHandler(commandIds.get(e.getAttribute("command")), ContextInjectionFactory.make(
                    ui.loadClass(type), context));
        }
    }

    /** The selection service of a context: keeps the selection there; finds another part's through the parts. */
    private ESelectionService selectionService(IEclipseContext owner) {
        return (ESelectionService) Proxy.newProxyInstance(ESelectionService.class.getClassLoader(),
                new Class<?>[] { ESelectionService.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "setSelection" -> {
                        owner.set(SELECTION_KEY, args[0]);
                        yield null;
                    }
                    case "getSelection" -> {
                        if (args == null) {
                            yield owner.get(SELECTION_KEY);
                        }
                        MPart part = parts.stream().filter(p -> args[0].equals(p.getElementId())).findFirst()
                                .orElse(null);
                        yield part == null ? null : part.getContext().get(SELECTION_KEY);
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "selection service of " + owner;
                    default -> throw new UnsupportedOperationException("ESelectionService." + method.getName()
                            + " in a test");
                });
    }

    Map<String, String> descriptors() {
        return descriptors;
    }

    /** Shows a part that the application model holds in the window (the navigator, the Plugins part). */
    public MPart showModelPart(String id) throws Exception {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.setElementId(id);
        part.setContributionURI(modelParts.get(id));
        if (part.getContributionURI() == null) {
            throw new IllegalStateException("No part " + id + " in Application.e4xmi; it has " + modelParts.keySet());
        }
        return show(part);
    }

    /** The shown parts made from {@code descriptorId}, oldest first. */
    public List<MPart> parts(String descriptorId) {
        return parts.stream().filter(p -> descriptorId.equals(p.getElementId())).toList();
    }

    public Shell shell(MPart part) {
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
