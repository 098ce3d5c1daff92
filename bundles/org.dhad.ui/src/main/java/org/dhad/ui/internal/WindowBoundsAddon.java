package org.dhad.ui.internal;

import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Monitor;
import org.osgi.service.event.Event;
import org.osgi.service.prefs.BackingStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Keeps the workbench's windows on the screen they open on. Application.e4xmi sizes the main window for a
 * large screen; before the windows are rendered, this add-on shrinks and moves each one that would not fit the
 * client area of its monitor (the monitor holding its top-left corner, else the primary one), leaving
 * {@value #MARGIN} pixels. The product starts from Application.e4xmi every time ({@code clearPersistedState}),
 * so E4 forgets the window's bounds; the add-on remembers them in the instance preferences when the workbench
 * shuts down and uses them, fitted the same way, at the next start.
 */
public final class WindowBoundsAddon {

    /** Pixels left free at each edge of the monitor's client area when a window has to be fitted. */
    static final int MARGIN = 20;

    /** The preference node holding the remembered bounds, one key per window element id. */
    static final String NODE = "org.dhad.ui";

    private static final Logger LOG = LoggerFactory.getLogger(WindowBoundsAddon.class);
    private static final String KEY_PREFIX = "window.bounds.";

    @PostConstruct
    void fitWindows(MApplication app) {
        Display display = Display.getCurrent();
        if (display == null) {
            return; // no display on this thread: nothing is rendered here either
        }
        IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(NODE);
        for (MWindow window : app.getChildren()) {
            remembered(preferences, window).ifPresent(bounds -> setBounds(window, bounds));
            Rectangle bounds = bounds(window);
            setBounds(window, fit(bounds, clientArea(display, bounds)));
        }
    }

    /** Remembers the windows' bounds as the user left them, for the next start. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void rememberWindows(@UIEventTopic(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED) Event event, MApplication app) {
        IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(NODE);
        for (MWindow window : app.getChildren()) {
            Rectangle b = bounds(window);
            if (window.getElementId() != null && b.width > 0 && b.height > 0) {
                preferences.put(KEY_PREFIX + window.getElementId(), b.x + "," + b.y + "," + b.width + "," + b.height);
            }
        }
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            LOG.warn("The window's size cannot be remembered for the next start: {}", e.getMessage());
        }
    }

    /**
     * {@code window} unchanged when it lies inside {@code area}; otherwise no larger than {@code area} less
     * {@link #MARGIN} at each edge, moved as little as it takes to lie inside that.
     */
    static Rectangle fit(Rectangle window, Rectangle area) {
        if (area.contains(window.x, window.y) && window.x + window.width <= area.x + area.width
                && window.y + window.height <= area.y + area.height) {
            return window;
        }
        int width = Math.min(window.width, area.width - 2 * MARGIN);
        int height = Math.min(window.height, area.height - 2 * MARGIN);
        int x = Math.max(area.x + MARGIN, Math.min(window.x, area.x + area.width - MARGIN - width));
        int y = Math.max(area.y + MARGIN, Math.min(window.y, area.y + area.height - MARGIN - height));
        return new Rectangle(x, y, width, height);
    }

    /** The client area of the monitor holding the window's top-left corner, else of the primary monitor. */
    static Rectangle clientArea(Display display, Rectangle window) {
        for (Monitor monitor : display.getMonitors()) {
            if (monitor.getBounds().contains(window.x, window.y)) {
                return monitor.getClientArea();
            }
        }
        return display.getPrimaryMonitor().getClientArea();
    }

    private static Optional<Rectangle> remembered(IEclipsePreferences preferences, MWindow window) {
        String value = window.getElementId() == null ? null : preferences.get(KEY_PREFIX + window.getElementId(), null);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(",");
        try {
            if (parts.length == 4) {
                return Optional.of(new Rectangle(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]), Integer.parseInt(parts[3])));
            }
        } catch (NumberFormatException e) {
            // falls through to the warning
        }
        LOG.warn("Ignoring the remembered bounds '{}' of window '{}': expected x,y,width,height", value,
                window.getElementId());
        return Optional.empty();
    }

    private static Rectangle bounds(MWindow window) {
        return new Rectangle(window.getX(), window.getY(), window.getWidth(), window.getHeight());
    }

    private static void setBounds(MWindow window, Rectangle bounds) {
        window.setX(bounds.x);
        window.setY(bounds.y);
        window.setWidth(bounds.width);
        window.setHeight(bounds.height);
    }
}
