package org.dhad.ui.internal;

import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.ui.model.application.MApplication;

import jakarta.annotation.PostConstruct;

/**
 * Puts the SWT dialogs into the application's context, where every part and handler finds its
 * {@link UserDialogs}. Tests that host parts without the workbench put their own there instead.
 */
public final class UserDialogsAddon {

    @PostConstruct
    void register(MApplication app) {
        app.getContext().set(UserDialogs.class, new SwtUserDialogs(app.getContext()));
    }
}
