package org.dhad.ui.results.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 scored images of 256² in one view, on an X display (Xvfb; skipped with a message without one): the time
 * to decode them, to redraw them all at a new threshold, and the longest the UI thread is busy in one event
 * while that happens (what a user feels as a freeze). A burst of slider moves must be debounced into few
 * redraws. Prints the numbers.
 */
class GalleryPerformanceTest {

    private static final int COUNT = 200;
    private static final int SIZE = 256;
    private static final long TIMEOUT_MS = 120_000;
    /** Longest single UI event allowed while 200 thumbnails are redrawn. */
    private static final long MAX_STALL_MS = 400;

    @Test
    void twoHundredThumbnailsRedrawWithoutFreezingTheUi(@TempDir Path temp) throws Exception {
        Display display = UiTestSupport.display();
        Path run = RunFixture.trained(temp.resolve("runs"), "perf", "20261129-140000", "MASK", 1);
        RunFixture.evaluate(run, RunResultsPartTest.valuesA());
        Path template = temp.resolve("template");
        List<GalleryImage> one = RunFixture.gallery(template, List.of(new RunFixture.Shot("fabric", "hole", "t")),
                SIZE);
        List<GalleryImage> images = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            // real files per image (copies of one written set), so every thumbnail decodes its own PNGs
            String rel = "fabric/hole/%03d.png".formatted(i);
            GalleryImage t = one.get(0);
            images.add(new GalleryImage("fabric/hole/%03d".formatted(i), "fabric", "hole",
                    copy(t.overlay(), run.resolve("heatmaps/" + rel)), copy(t.input(), run.resolve("inputs/" + rel)),
                    copy(t.scores(), run.resolve("scores/" + rel)), copy(t.truth(), run.resolve("truth/" + rel)),
                    t.low(), t.high(), t.maxScore()));
        }
        Gallery.write(run, images);

        long opened = System.nanoTime();
        try (UiTestSupport.Hosted<RunResultsPart> hosted = UiTestSupport.host(display, RunResultsPart.class,
                run.toString())) {
            GalleryPanel gallery = hosted.part().gallery();
            assertEquals(COUNT, gallery.thumbnailCount(), "one page of 200");
            long[] stall = {0};
            pump(display, gallery, stall);
            double decodeMs = (System.nanoTime() - opened) / 1e6;
            int tinted = ThresholdOverlay.tint(RunFixture.GREY);
            double worstRedraw = 0;
            long worstStall = 0;
            for (double t : new double[] {2.0, 4.0, 1.5, 4.5, 3.0}) {
                long started = System.nanoTime();
                stall[0] = 0;
                gallery.type(t);
                pump(display, gallery, stall);
                worstRedraw = Math.max(worstRedraw, (System.nanoTime() - started) / 1e6);
                worstStall = Math.max(worstStall, stall[0]);
            }
            // 256 px reduced to 128 by 2x2 blocks: at 3.0 the blocks of columns >= 16 of 128 hold a tinted pixel
            int red = UiTestSupport.count(gallery.thumbnail(COUNT - 1), tinted);
            assertTrue(red > 0 && red < 128 * 128 / 2 + 128, "about half of the last thumbnail is red: " + red);

            int before = gallery.redrawCount();
            long dragStarted = System.nanoTime();
            stall[0] = 0;
            for (int i = 0; i < 30; i++) {
                gallery.threshold().drag(100 + 20 * i);
                pumpFor(display, 5, stall);
            }
            pumpFor(display, ThresholdBar.DEBOUNCE_MS + 20, stall);
            pump(display, gallery, stall);
            double dragMs = (System.nanoTime() - dragStarted) / 1e6;
            int dragRedraws = gallery.redrawCount() - before;
            System.out.printf(Locale.ROOT, "GalleryPerformanceTest: %d thumbnails of %d px: decoded and drawn in"
                    + " %.0f ms;"
                    + " threshold redraw of all at most %.0f ms (last %.0f ms), longest UI event %d ms; 30 slider moves"
                    + " in %.0f ms gave %d redraws, longest UI event %d ms%n", COUNT, SIZE, decodeMs, worstRedraw,
                    gallery.lastRedrawMillis(), worstStall, dragMs, dragRedraws, stall[0]);
            assertTrue(dragRedraws <= 5, "slider moves debounced: " + dragRedraws + " redraws for 30 moves");
            assertTrue(worstStall < MAX_STALL_MS && stall[0] < MAX_STALL_MS, "UI thread busy at most "
                    + MAX_STALL_MS + " ms in one event: " + worstStall + " / " + stall[0] + " ms");
        }
    }

    /** Runs the event loop until the gallery has settled, recording the longest single event in stall[0]. */
    private static void pump(Display display, GalleryPanel gallery, long[] stall) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
        while (!gallery.settled()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gallery not settled within " + TIMEOUT_MS + " ms");
            }
            long t0 = System.nanoTime();
            boolean busy = display.readAndDispatch();
            stall[0] = Math.max(stall[0], (System.nanoTime() - t0) / 1_000_000);
            if (!busy) {
                Thread.sleep(1);
            }
        }
    }

    /** Runs the event loop for {@code millis}, recording the longest single event in stall[0]. */
    private static void pumpFor(Display display, long millis, long[] stall) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            boolean busy = display.readAndDispatch();
            stall[0] = Math.max(stall[0], (System.nanoTime() - t0) / 1_000_000);
            if (!busy) {
                Thread.sleep(1);
            }
        }
    }

    private static Path copy(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(from, to);
    }
}
