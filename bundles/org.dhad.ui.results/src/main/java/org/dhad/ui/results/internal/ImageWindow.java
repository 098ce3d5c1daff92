package org.dhad.ui.results.internal;

import java.nio.file.Files;

import org.dhad.results.GalleryImage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * One gallery image enlarged in its own window: the threshold rendering at full resolution next to the plain
 * heat-map overlay the engine wrote, with the id, the highest score and the share of pixels over the threshold.
 * Follows the gallery's threshold while open; both images are disposed with the window.
 */
final class ImageWindow {

    /** Side the pictures are drawn at, in points. */
    static final int SIDE = 512;

    private final Shell shell;
    private final GalleryImage image;
    private final Label rendering;
    private final Label overlay;
    private final Label caption;
    private ScoredPixels pixels;
    private Image renderingImage;
    private Image overlayImage;
    private double threshold;

    ImageWindow(Shell parent, GalleryImage image, PixelCache cache, double threshold) {
        this.image = image;
        this.threshold = threshold;
        shell = new Shell(parent, SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MIN);
        shell.setText(image.id());
        shell.setLayout(new GridLayout(2, true));
        boolean scored = image.scores() != null;
        rendering = scored ? picture("Threshold: red at or above it, ground truth in green") : null;
        overlay = picture("Heat map as written by the evaluation");
        caption = new Label(shell, SWT.WRAP);
        caption.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        caption.setText(image.id() + (scored ? " · max score " + ThresholdBar.format(image.maxScore()) : ""));
        shell.addListener(SWT.Dispose, e -> {
            dispose(renderingImage);
            dispose(overlayImage);
        });
        Display display = shell.getDisplay();
        if (scored) {
            cache.get(image, Integer.MAX_VALUE).whenComplete((p, error) -> display.asyncExec(() -> {
                if (shell.isDisposed()) {
                    return;
                }
                if (error != null) {
                    caption.setText(image.id() + ": " + rootMessage(error));
                } else {
                    pixels = p;
                    setThreshold(this.threshold);
                }
            }));
        }
        cache.decode(() -> {
            ImageData data = null;
            String problem = null;
            try {
                if (Files.isRegularFile(image.overlay())) {
                    data = fit(new ImageData(image.overlay().toString()), SIDE);
                } else {
                    problem = image.overlay() + " does not exist";
                }
            } catch (SWTException e) {
                problem = image.overlay() + ": not a readable PNG (" + e.getMessage() + ")";
            }
            ImageData loaded = data;
            String why = problem;
            display.asyncExec(() -> {
                if (!shell.isDisposed()) {
                    if (loaded != null) {
                        overlayImage = replace(overlay, overlayImage, loaded);
                    } else {
                        overlay.setText(why);
                    }
                }
            });
        });
        shell.pack();
        shell.open();
    }

    /** Redraws at {@code t}, once the full-resolution pixels are decoded. */
    void setThreshold(double t) {
        threshold = t;
        if (pixels == null || shell.isDisposed()) {
            return;
        }
        int zoom = Math.max(1, SIDE / Math.max(pixels.width(), pixels.height()));
        ImageData data = fit(ThresholdOverlay.imageData(ThresholdOverlay.render(pixels, t), pixels.width(),
                pixels.height(), zoom), SIDE);
        renderingImage = replace(rendering, renderingImage, data);
        double share = 100.0 * ThresholdOverlay.countAbove(pixels, t) / pixels.scores().length;
        caption.setText(String.format(java.util.Locale.ROOT, "%s · max score %s · threshold %s · %.1f %% of pixels "
                + "at or above it", image.id(), ThresholdBar.format(image.maxScore()), ThresholdBar.format(t), share));
        shell.layout(true, true);
    }

    Shell shell() {
        return shell;
    }

    GalleryImage image() {
        return image;
    }

    /** The threshold rendering as shown, null until decoded. */
    ImageData renderingData() {
        return renderingImage == null ? null : renderingImage.getImageData();
    }

    boolean overlayShown() {
        return overlayImage != null;
    }

    private Label picture(String tip) {
        Label label = new Label(shell, SWT.CENTER | SWT.BORDER);
        GridData data = new GridData(SWT.CENTER, SWT.CENTER, true, true);
        data.widthHint = SIDE;
        data.heightHint = SIDE;
        label.setLayoutData(data);
        label.setToolTipText(tip);
        return label;
    }

    /** {@code data} shrunk to {@code side}, or enlarged by a whole factor that keeps it within {@code side}. */
    static ImageData fit(ImageData data, int side) {
        int largest = Math.max(data.width, data.height);
        if (largest > side) {
            return data.scaledTo(Math.max(1, data.width * side / largest), Math.max(1, data.height * side / largest));
        }
        int zoom = side / largest;
        return zoom <= 1 ? data : data.scaledTo(data.width * zoom, data.height * zoom);
    }

    private static Image replace(Label label, Image old, ImageData data) {
        Image next = new Image(label.getDisplay(), data);
        label.setImage(next);
        dispose(old);
        return next;
    }

    private static void dispose(Image image) {
        if (image != null) {
            image.dispose();
        }
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
