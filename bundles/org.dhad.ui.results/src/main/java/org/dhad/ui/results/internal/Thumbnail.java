package org.dhad.ui.results.internal;

import org.dhad.results.GalleryImage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * One tile of the gallery: the picture at a fixed size (so that a new picture needs no layout) and a caption
 * with the image id and its highest score. Owns the SWT image it shows and disposes it with the tile.
 */
final class Thumbnail {

    final GalleryImage image;
    private final int side;
    private final Composite box;
    private final Label picture;
    private Image current;
    /** Decoded pixels, once the decoder has delivered them (UI thread only). */
    ScoredPixels pixels;
    /** Threshold the shown picture was drawn at; NaN before the first picture or for plain overlays. */
    double drawnAt = Double.NaN;
    boolean failed;

    Thumbnail(Composite parent, GalleryImage image, int side, Runnable open) {
        this.image = image;
        this.side = side;
        box = new Composite(parent, SWT.BORDER);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 2;
        layout.marginHeight = 2;
        layout.verticalSpacing = 1;
        box.setLayout(layout);
        picture = new Label(box, SWT.CENTER);
        GridData size = new GridData(SWT.CENTER, SWT.CENTER, false, false);
        size.widthHint = side;
        size.heightHint = side;
        picture.setLayoutData(size);
        Label caption = new Label(box, SWT.CENTER | SWT.WRAP);
        GridData captionData = new GridData(SWT.FILL, SWT.TOP, false, false);
        captionData.widthHint = side;
        caption.setLayoutData(captionData);
        caption.setText(image.id() + (Double.isNaN(image.maxScore()) ? ""
                : "\nmax " + ThresholdBar.format(image.maxScore())));
        String tip = image.id() + "; click to enlarge";
        box.setToolTipText(tip);
        picture.setToolTipText(tip);
        caption.setToolTipText(tip);
        picture.addListener(SWT.MouseUp, e -> open.run());
        caption.addListener(SWT.MouseUp, e -> open.run());
        box.addListener(SWT.Dispose, e -> disposeImage());
    }

    /** Shows the overlay PNG (runs without scores): decoded by {@code decoder}, shown through {@code ui}. */
    void loadOverlay(java.util.function.Consumer<Runnable> decoder, java.util.function.Consumer<Runnable> ui) {
        decoder.accept(() -> {
            try {
                ImageData data = ImageWindow.fit(new ImageData(image.overlay().toString()), side);
                ui.accept(() -> show(data, Double.NaN));
            } catch (SWTException e) {
                ui.accept(() -> fail(image.overlay() + ": not a readable PNG (" + e.getMessage() + ")"));
            }
        });
    }

    boolean isDisposed() {
        return box.isDisposed();
    }

    /** Shows {@code data} drawn at {@code threshold}, disposing the previous picture. */
    void show(ImageData data, double threshold) {
        if (box.isDisposed()) {
            return;
        }
        Image next = new Image(box.getDisplay(), data);
        picture.setImage(next);
        disposeImage();
        current = next;
        drawnAt = threshold;
    }

    /** Replaces the picture by the reason it cannot be shown. */
    void fail(String message) {
        if (box.isDisposed()) {
            return;
        }
        failed = true;
        picture.setText("cannot be shown");
        picture.setToolTipText(message);
        box.setToolTipText(message);
    }

    /** The picture's pixels as shown, null before the first one. */
    ImageData shownData() {
        return current == null ? null : current.getImageData();
    }

    boolean hasPicture() {
        return current != null;
    }

    private void disposeImage() {
        if (current != null) {
            current.dispose();
            current = null;
        }
    }
}
