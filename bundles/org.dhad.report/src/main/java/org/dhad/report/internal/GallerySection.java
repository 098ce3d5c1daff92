package org.dhad.report.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.dhad.results.GalleryImage;

/**
 * A run's heat maps grouped by category and defect type: the first images of each defect type as PNG
 * thumbnails embedded in base64, each captioned with its id and highest score. Runs evaluated before
 * {@code gallery.json} existed show the overlays found under {@code heatmaps/}, without scores.
 */
public final class GallerySection {

    /** Longest side of a thumbnail in pixels; larger overlays are scaled down to keep the page small. */
    static final int THUMBNAIL = 192;

    /** One image to show. */
    private record Shown(String id, String category, String defect, Path overlay, double maxScore) {
    }

    private GallerySection() {
    }

    /** Writes the gallery of {@code run}, at most {@code perDefect} images per defect type. */
    public static void write(Html html, LoadedRun run, int perDefect) {
        html.element("h3", "Heat maps");
        if (run.galleryError() != null) {
            html.note("The gallery cannot be read: " + run.galleryError());
            return;
        }
        List<Shown> images = run.gallery().map(g -> g.images().stream().map(GallerySection::shown).toList())
                .orElseGet(() -> scanHeatmaps(run.run().dir().resolve("heatmaps")));
        if (images.isEmpty()) {
            html.note("No heat maps: the run is not evaluated yet, or was evaluated without keeping images ("
                    + run.run().dir().resolve("gallery.json") + " is missing).");
            return;
        }
        if (run.gallery().isEmpty()) {
            html.note("No gallery.json: showing the overlays under heatmaps/, without scores.");
        }
        Map<String, Map<String, List<Shown>>> grouped = new LinkedHashMap<>();
        images.forEach(i -> grouped.computeIfAbsent(i.category(), k -> new LinkedHashMap<>())
                .computeIfAbsent(i.defect(), k -> new ArrayList<>()).add(i));
        grouped.forEach((category, defects) -> {
            html.raw("<div class=\"category\">").element("h4", category);
            defects.forEach((defect, list) -> {
                int shown = Math.min(perDefect, list.size());
                html.raw("<h5>").text(defect).raw(" <span class=\"count\">").text(shown + " of " + list.size())
                        .raw("</span></h5>\n<div class=\"thumbs\">\n");
                list.subList(0, shown).forEach(i -> thumbnail(html, i));
                html.raw("</div>\n");
            });
            html.raw("</div>\n");
        });
    }

    private static Shown shown(GalleryImage i) {
        return new Shown(i.id(), i.category(), i.defect(), i.overlay(), i.maxScore());
    }

    /** {@code heatmaps/<category>/<defect>/<name>.png}, sorted so the page is the same on every system. */
    private static List<Shown> scanHeatmaps(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.find(folder, 3, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))) {
            return files.filter(p -> folder.relativize(p).getNameCount() == 3).sorted().map(p -> {
                Path rel = folder.relativize(p);
                String name = rel.getFileName().toString();
                String category = rel.getName(0).toString();
                String defect = rel.getName(1).toString();
                return new Shown(category + "/" + defect + "/" + name.substring(0, name.length() - 4), category,
                        defect, p, Double.NaN);
            }).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static void thumbnail(Html html, Shown image) {
        String caption = image.id() + (Double.isNaN(image.maxScore()) ? ""
                : String.format(Locale.ROOT, " · max %.3f", image.maxScore()));
        html.raw("<figure>");
        try {
            String data = pngBase64(image.overlay());
            html.raw("<img alt=\"").text(image.id()).raw("\" src=\"data:image/png;base64,").raw(data).raw("\">");
        } catch (IOException e) {
            html.raw("<div class=\"missing\">").text(image.overlay() + ": " + e.getMessage()).raw("</div>");
        }
        html.raw("<figcaption>").text(caption).raw("</figcaption></figure>\n");
    }

    /** The image at {@code file}, scaled to at most {@value #THUMBNAIL} pixels, as base64 PNG. */
    static String pngBase64(Path file) throws IOException {
        BufferedImage image = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        if (image == null) {
            throw new IOException(Files.exists(file) ? "not an image ImageIO can read" : "missing");
        }
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest > THUMBNAIL) {
            int w = Math.max(1, image.getWidth() * THUMBNAIL / longest);
            int h = Math.max(1, image.getHeight() * THUMBNAIL / longest);
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            image = small;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
