package org.dhad.ui.internal.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * Thumbnails of the first {@value #MAX_IMAGES} heat-map PNGs of a run ({@code heatmaps/<category>/<defect>/
 * <name>.png}); clicking one opens it enlarged in its own window. Images are disposed with their labels.
 */
final class HeatmapGallery {

    static final int MAX_IMAGES = 24;
    private static final int THUMB = 96;
    private static final int LARGE = 512;

    private final ScrolledComposite scroller;
    private final Composite strip;

    HeatmapGallery(Composite parent) {
        scroller = new ScrolledComposite(parent, SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        strip = new Composite(scroller, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.wrap = true;
        strip.setLayout(layout);
        scroller.setContent(strip);
        scroller.addListener(SWT.Resize, e -> resize());
    }

    Control control() {
        return scroller;
    }

    /** Thumbnails shown. */
    int thumbnailCount() {
        return strip.getChildren().length;
    }

    void show(Path heatmaps) {
        for (Control child : strip.getChildren()) {
            child.dispose();
        }
        for (Path file : files(heatmaps)) {
            ImageData data;
            try {
                data = new ImageData(file.toString());
            } catch (SWTException e) {
                continue; // a half-written or foreign file is left out of the gallery
            }
            Image thumb = new Image(strip.getDisplay(), scale(data, THUMB));
            Label label = new Label(strip, SWT.BORDER);
            label.setImage(thumb);
            label.setToolTipText(heatmaps.relativize(file).toString());
            label.addListener(SWT.Dispose, e -> thumb.dispose());
            label.addListener(SWT.MouseUp, e -> enlarge(file, data));
        }
        resize();
    }

    private void resize() {
        int width = Math.max(100, scroller.getClientArea().width);
        scroller.setMinSize(strip.computeSize(width, SWT.DEFAULT));
        strip.layout(true);
    }

    private void enlarge(Path file, ImageData data) {
        Shell shell = new Shell(scroller.getShell(), SWT.DIALOG_TRIM | SWT.RESIZE);
        shell.setText(file.getParent().getParent().getFileName() + "/" + file.getParent().getFileName() + "/"
                + file.getFileName());
        shell.setLayout(new FillLayout());
        Image large = new Image(shell.getDisplay(), scale(data, LARGE));
        Label label = new Label(shell, SWT.NONE);
        label.setImage(large);
        shell.addListener(SWT.Dispose, e -> large.dispose());
        shell.pack();
        shell.open();
    }

    private static ImageData scale(ImageData data, int side) {
        double factor = (double) side / Math.max(data.width, data.height);
        return data.scaledTo(Math.max(1, (int) Math.round(data.width * factor)),
                Math.max(1, (int) Math.round(data.height * factor)));
    }

    private static List<Path> files(Path heatmaps) {
        if (!Files.isDirectory(heatmaps)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(heatmaps)) {
            Map<Path, Iterator<Path>> byFolder = new LinkedHashMap<>();
            walk.filter(p -> p.getFileName().toString().endsWith(".png")).sorted()
                    .collect(java.util.stream.Collectors.groupingBy(Path::getParent, LinkedHashMap::new,
                            java.util.stream.Collectors.toList()))
                    .forEach((folder, files) -> byFolder.put(folder, files.iterator()));
            // Round robin over category/defect folders, so the gallery shows every kind of defect.
            List<Path> chosen = new ArrayList<>();
            while (chosen.size() < MAX_IMAGES && byFolder.values().stream().anyMatch(Iterator::hasNext)) {
                for (Iterator<Path> it : byFolder.values()) {
                    if (it.hasNext() && chosen.size() < MAX_IMAGES) {
                        chosen.add(it.next());
                    }
                }
            }
            return chosen;
        } catch (IOException e) {
            return List.of();
        }
    }
}
