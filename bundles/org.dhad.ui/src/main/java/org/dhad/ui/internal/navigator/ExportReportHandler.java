package org.dhad.ui.internal.navigator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dhad.report.HtmlReport;
import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.dhad.ui.internal.WorkspaceFolders;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.program.Program;

/**
 * Export HTML Report... (navigator menu): asks where to save the self-contained HTML report of the selected runs,
 * writes it as {@code dhad report} does and opens it in the browser.
 */
public final class ExportReportHandler {

    static final String TITLE = "Export HTML report";

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return !NavigatorSelection.of(selection).runs().isEmpty();
    }

    @Execute
    void execute(ESelectionService selection, UserDialogs dialogs) {
        List<Path> runs = NavigatorSelection.of(selection).runs();
        dialogs.chooseFileToSave(TITLE, WorkspaceFolders.root().resolve("report.html"), "*.html").ifPresent(file -> {
            String[] problem = new String[1];
            BusyIndicator.showWhile(null, () -> problem[0] = write(runs, file));
            if (problem[0] != null) {
                dialogs.showError(TITLE, problem[0]);
            } else {
                Program.launch(file.toString());
            }
        });
    }

    /**
     * Writes the report of {@code runs} to {@code file}.
     *
     * @return the problem, or {@code null} when the report was written
     */
    static String write(List<Path> runs, Path file) {
        if (runs.isEmpty()) {
            return "Select one or more runs to report on";
        }
        try {
            List<RunFolder> folders = new ArrayList<>();
            for (Path run : runs) {
                folders.add(RunFolder.open(run));
            }
            new HtmlReport(folders).write(file);
            return null;
        } catch (ResultsException | IOException e) {
            return file + ": the report was not written: " + e.getMessage();
        }
    }
}
