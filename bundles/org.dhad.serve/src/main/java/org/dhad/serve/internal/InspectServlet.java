package org.dhad.serve.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.google.gson.JsonObject;

import org.dhad.engine.EngineException;
import org.dhad.engine.Inspection;
import org.dhad.engine.PredictionJson;
import org.dhad.imageio.ImageFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/inspect?model=NAME[&category=C][&name=N][&images=mask,overlay,heatmap]} with an image body: the
 * row {@code dhad predict} writes for it, the model and thresholds, and the asked-for PNGs (base64). Nothing the
 * client sends reaches the file system: the body is read into memory up to the limit and decoded there.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/v1/inspect",
        "osgi.http.whiteboard.servlet.name=dhad-inspect"})
public final class InspectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(InspectServlet.class);
    private static final Set<String> IMAGES = Set.of("mask", "overlay", "heatmap");
    private static final long SCORE_TIMEOUT_S = 120;
    private static final int MAX_NAME = 200;

    private final transient ServedModels served;

    @Activate
    public InspectServlet(@Reference ServedModels served) {
        this.served = served;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ScoringQueue queue = served.queue();
        if (!queue.admit()) {
            response.setHeader("Retry-After", "1");
            // The body is left unread, so Jetty closes the connection after this answer: saying so keeps a client
            // from sending its next request on a pooled connection that is about to close (it then reads no bytes).
            response.setHeader("Connection", "close");
            JsonReplies.error(response, 503, "the queue is full (" + queue.capacity()
                    + " requests in progress); retry after 1 s");
            return;
        }
        JsonObject answer;
        int status = 200;
        try {
            answer = inspect(request);
        } catch (Rejection e) {
            status = e.status;
            answer = JsonReplies.error(status, e.getMessage());
            response.setHeader("Connection", "close"); // most rejections leave the body unread, as above
        } catch (RuntimeException | EngineException e) {
            LOG.error("Inspecting a request failed", e);
            status = 500;
            answer = JsonReplies.error(status, "the image could not be decided: " + e.getMessage());
        } finally {
            // before the answer is sent: a client that sends its next request on receipt finds the slot free
            queue.release();
        }
        JsonReplies.send(response, status, answer);
    }

    private JsonObject inspect(HttpServletRequest request) throws IOException, Rejection, EngineException {
        ServedModel model = served.find(request.getParameter("model"));
        if (model == null) {
            String asked = request.getParameter("model");
            throw asked == null || asked.isEmpty()
                    ? new Rejection(400, "model: name one of the served models (" + served.names() + ")")
                    : new Rejection(404, "model '" + clip(asked) + "' is not served; served: " + served.names());
        }
        String category = model.category(request.getParameter("category"));
        if (category == null) {
            throw new Rejection(400, "category: expected one of " + String.join(", ",
                    model.inspector().categories()) + " (the run has several)");
        }
        Set<String> images = images(request.getParameter("images"));
        String type = request.getContentType();
        if (type != null && !acceptable(type)) {
            throw new Rejection(415, "Content-Type " + clip(type) + ": expected an image (image/png, image/jpeg, "
                    + "...) or application/octet-stream");
        }
        byte[] body = body(request);
        BufferedImage rgb;
        try {
            rgb = ImageFile.readRgb(body, "the request body", served.settings().maxPixels());
        } catch (ImageFile.TooLargeException e) {
            throw new Rejection(413, e.getMessage());
        } catch (IOException e) {
            throw new Rejection(400, e.getMessage());
        }
        BufferedImage fitted = model.inspector().fit(rgb);
        float[] scores;
        try {
            scores = served.queue().score(model, fitted).get(SCORE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Rejection(503, "the service is stopping");
        } catch (TimeoutException e) {
            throw new Rejection(503, "scoring took longer than " + SCORE_TIMEOUT_S + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("scoring failed: " + e.getCause().getMessage(), e.getCause());
        }
        String name = name(request.getParameter("name"));
        Inspection decided = model.inspector().decide(name, name, fitted, scores, category);
        JsonObject answer = new JsonObject();
        answer.addProperty("model", model.name());
        answer.addProperty("category", category);
        answer.add("thresholds", PredictionJson.thresholds(model.inspector().thresholds(category)));
        answer.add("prediction", PredictionJson.row(decided.prediction()));
        if (!images.isEmpty()) {
            JsonObject pngs = new JsonObject();
            for (String image : images) {
                BufferedImage picture = switch (image) {
                    case "mask" -> decided.mask();
                    case "overlay" -> decided.overlay();
                    default -> decided.heatmap();
                };
                pngs.addProperty(image, picture == null ? null : png(picture));
            }
            answer.add("images", pngs);
        }
        return answer;
    }

    /** The body, read into memory; over the limit (declared or sent) is a 413, an empty body a 400. */
    private byte[] body(HttpServletRequest request) throws IOException, Rejection {
        long limit = served.settings().maxBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new Rejection(413, "the body declares " + declared + " bytes, more than the limit of " + limit
                    + " bytes");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, limit)));
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                if (bytes.size() + (long) n > limit) {
                    throw new Rejection(413, "the body is longer than the limit of " + limit + " bytes");
                }
                bytes.write(buffer, 0, n);
            }
        }
        if (bytes.size() == 0) {
            throw new Rejection(400, "the body is empty; expected the bytes of an image (PNG, JPEG, BMP, GIF, TIFF)");
        }
        return bytes.toByteArray();
    }

    private static Set<String> images(String asked) throws Rejection {
        if (asked == null || asked.isBlank()) {
            return Set.of();
        }
        java.util.LinkedHashSet<String> images = new java.util.LinkedHashSet<>();
        for (String image : asked.split(",")) {
            String wanted = image.trim().toLowerCase(Locale.ROOT);
            if (!IMAGES.contains(wanted)) {
                throw new Rejection(400, "images: '" + clip(image) + "' is not one of mask, overlay, heatmap");
            }
            images.add(wanted);
        }
        return images;
    }

    private static boolean acceptable(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.startsWith("image/") || type.equals("application/octet-stream");
    }

    /** The name the row gives the image: the client's, shortened, or {@code upload}; only ever echoed. */
    private static String name(String asked) {
        return asked == null || asked.isBlank() ? "upload" : clip(asked);
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_NAME ? printable : printable.substring(0, MAX_NAME) + "...";
    }

    private static String png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // in memory: ImageIO's default stream caches in a temporary file
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image, "png", stream);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** A request answered with a 4xx or 503 and a message for the client. */
    private static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Rejection(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
