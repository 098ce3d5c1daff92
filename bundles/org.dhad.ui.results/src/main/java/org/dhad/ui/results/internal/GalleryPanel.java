package org.dhad.ui.results.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * The test images of a run, filtered by category and defect type, {@value #PAGE} to a page. With scores (a
 * {@code gallery.json} run) each thumbnail is redrawn from the input, the scores and the truth whenever the
 * threshold moves; older runs show their overlay PNGs and no threshold. PNGs are decoded and thresholds drawn
 * on background threads; the UI thread only turns finished pixels into images.
 */
final class GalleryPanel {

    static final int THUMB = 128;
    static final int PAGE = 200;
    static final String ALL_CATEGORIES = "All categories";
    static final String ALL_DEFECTS = "All defect types";

    private final Composite root;
    private final Combo categories;
    private final Combo defects;
    private final ThresholdBar threshold;
    private final Label status;
    private final Button previous;
    private final Button next;
    private final ScrolledComposite scroller;
    private final Composite tiles;
    private final PixelCache cache = new PixelCache("dhad-gallery");
    private final List<Thumbnail> shown = new ArrayList<>();
    private final List<ImageWindow> windows = new ArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile double current = Double.NaN;
    private Gallery gallery = new Gallery(java.nio.file.Path.of("."), List.of());
    private boolean scored;
    private List<String> defectNames = List.of();
    private List<GalleryImage> filtered = List.of();
    private int page;
    private long redrawStarted;
    private volatile long lastRedrawNanos;
    private int redraws;

    GalleryPanel(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Composite filters = new Composite(root, SWT.NONE);
        filters.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filters.setLayout(new GridLayout(6, false));
        categories = new Combo(filters, SWT.READ_ONLY);
        categories.addListener(SWT.Selection, e -> categoryChanged());
        defects = new Combo(filters, SWT.READ_ONLY);
        defects.addListener(SWT.Selection, e -> applyFilter());
        threshold = new ThresholdBar(filters, this::redrawAll);
        threshold.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        previous = new Button(filters, SWT.PUSH);
        previous.setText("< Previous");
        previous.addListener(SWT.Selection, e -> showPage(page - 1));
        next = new Button(filters, SWT.PUSH);
        next.setText("Next >");
        next.addListener(SWT.Selection, e -> showPage(page + 1));
        status = new Label(filters, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        scroller = new ScrolledComposite(root, SWT.V_SCROLL | SWT.BORDER);
        scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        tiles = new Composite(scroller, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.wrap = true;
        tiles.setLayout(layout);
        scroller.setContent(tiles);
        scroller.addListener(SWT.Resize, e -> resize());
        root.addListener(SWT.Dispose, e -> {
            cache.close();
            new ArrayList<>(windows).forEach(w -> w.shell().dispose());
        });
    }

    Control control() {
        return root;
    }

    /** Shows {@code images}; {@code withScores} false for overlay-only galleries of older runs. */
    void show(Gallery images, boolean withScores, String note) {
        gallery = images;
        scored = withScores;
        categories.setItems(ALL_CATEGORIES);
        images.categories().forEach(categories::add);
        categories.select(0);
        threshold.setEnabled(withScores, note);
        categoryChanged();
    }

    private void categoryChanged() {
        String category = selectedCategory();
        defects.setItems(ALL_DEFECTS);
        defectNames = new ArrayList<>();
        gallery.defectCounts(category).forEach((defect, count) -> {
            defects.add(defect + " (" + count + ")");
            defectNames.add(defect);
        });
        defects.select(0);
        applyFilter();
    }

    private void applyFilter() {
        int d = defects.getSelectionIndex();
        filtered = gallery.filter(selectedCategory(), d <= 0 ? null : defectNames.get(d - 1));
        if (scored && !filtered.isEmpty()) {
            double low = filtered.stream().mapToDouble(GalleryImage::low).min().orElse(0);
            double high = filtered.stream().mapToDouble(GalleryImage::high).max().orElse(1);
            threshold.setRange(low, high);
            current = threshold.value();
        }
        showPage(0);
    }

    private String selectedCategory() {
        int c = categories.getSelectionIndex();
        return c <= 0 ? null : categories.getItem(c);
    }

    private void showPage(int newPage) {
        int pages = Math.max(1, (filtered.size() + PAGE - 1) / PAGE);
        page = Math.max(0, Math.min(pages - 1, newPage));
        generation.incrementAndGet();
        tiles.setRedraw(false);
        try {
            shown.clear();
            for (Control c : tiles.getChildren()) {
                c.dispose();
            }
            int from = page * PAGE;
            for (GalleryImage image : filtered.subList(from, Math.min(filtered.size(), from + PAGE))) {
                Thumbnail tile = new Thumbnail(tiles, image, THUMB, () -> open(image));
                shown.add(tile);
                load(tile);
            }
        } finally {
            tiles.setRedraw(true);
        }
        previous.setEnabled(page > 0);
        next.setEnabled(page < pages - 1);
        status.setText(filtered.isEmpty() ? "no images" : (page * PAGE + 1) + "-" + (page * PAGE + shown.size())
                + " of " + filtered.size());
        status.getParent().layout();
        resize();
    }

    private void load(Thumbnail tile) {
        if (!scored) {
            tile.loadOverlay(cache::decode, this::onUi);
            return;
        }
        cache.get(tile.image, THUMB).whenComplete((pixels, error) -> {
            if (error != null) {
                onUi(() -> tile.fail(ImageWindow.rootMessage(error)));
                return;
            }
            double t = current;
            ImageData data = ThresholdOverlay.thumbnail(pixels, t, THUMB);
            onUi(() -> {
                tile.pixels = pixels;
                tile.show(data, t);
                if (t != current) {
                    redrawAll(current); // the threshold moved while this tile was decoding
                }
            });
        });
    }

    /** Redraws every decoded thumbnail at {@code t} on the render thread, then swaps the images in one go. */
    private void redrawAll(double t) {
        current = t;
        redraws++;
        long gen = generation.incrementAndGet();
        redrawStarted = System.nanoTime();
        List<Thumbnail> ready = shown.stream().filter(x -> x.pixels != null).toList();
        List<ScoredPixels> pixels = ready.stream().map(x -> x.pixels).toList();
        cache.render(() -> {
            List<ImageData> data = new ArrayList<>(pixels.size());
            for (ScoredPixels p : pixels) {
                if (generation.get() != gen) {
                    return; // a newer threshold is queued behind this one
                }
                data.add(ThresholdOverlay.thumbnail(p, t, THUMB));
            }
            onUi(() -> {
                if (generation.get() != gen) {
                    return;
                }
                for (int i = 0; i < ready.size(); i++) {
                    ready.get(i).show(data.get(i), t);
                }
                lastRedrawNanos = System.nanoTime() - redrawStarted;
            });
        });
        windows.forEach(w -> w.setThreshold(t));
    }

    private void onUi(Runnable r) {
        if (!root.isDisposed()) {
            root.getDisplay().asyncExec(() -> {
                if (!root.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void open(GalleryImage image) {
        for (ImageWindow w : windows) {
            if (w.image().equals(image)) {
                w.shell().setActive();
                return;
            }
        }
        ImageWindow window = new ImageWindow(root.getShell(), image, cache, current);
        windows.add(window);
        window.shell().addListener(SWT.Dispose, e -> windows.remove(window));
    }

    private void resize() {
        int width = Math.max(THUMB + 20, scroller.getClientArea().width);
        scroller.setMinSize(tiles.computeSize(width, SWT.DEFAULT));
        tiles.layout(true);
    }

    // --- for tests ---

    int thumbnailCount() {
        return shown.size();
    }

    /** Every thumbnail shows a picture drawn at the current threshold (or failed). */
    boolean settled() {
        return shown.stream().allMatch(x -> x.failed || (x.hasPicture() && (!scored || x.drawnAt == current)));
    }

    ImageData thumbnail(int index) {
        return shown.get(index).shownData();
    }

    GalleryImage image(int index) {
        return shown.get(index).image;
    }

    Combo categories() {
        return categories;
    }

    Combo defects() {
        return defects;
    }

    ThresholdBar threshold() {
        return threshold;
    }

    /** Sets the threshold as typing it and pressing Enter does. */
    void type(double value) {
        threshold.text().setText(Double.toString(value));
        threshold.text().notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
    }

    double currentThreshold() {
        return current;
    }

    ImageWindow open(int index) {
        GalleryImage image = shown.get(index).image;
        open(image);
        return windows.stream().filter(w -> w.image().equals(image)).findFirst().orElseThrow();
    }

    /** Threshold redraws started so far. */
    int redrawCount() {
        return redraws;
    }

    /** Milliseconds from the last threshold change to its images on screen. */
    double lastRedrawMillis() {
        return lastRedrawNanos / 1e6;
    }
}
