package org.dhad.serve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.dhad.api.training.FreezePolicy;
import org.dhad.engine.EvaluationService;
import org.dhad.engine.PredictionReport;
import org.dhad.engine.RunResult;
import org.dhad.engine.TrainingService;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.LossPreset;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.dhad.results.ThresholdChoice;
import org.dhad.serve.InspectionServer;
import org.dhad.serve.ServeException;
import org.dhad.serve.ServeSettings;
import org.dhad.serve.Serving;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The inspection service on loopback with the real Equinox HTTP Whiteboard, Jetty and a tiny trained and evaluated
 * run: answers, statuses of bad requests, a full queue, and the same row as {@code dhad predict}.
 */
class InspectionServerTest {

    private static final long MAX_BYTES = 1024 * 1024;
    private static final List<ServiceTracker<?, ?>> TRACKERS = new ArrayList<>();

    @TempDir
    static Path work;

    private static Path runDir;
    private static EvaluationService evaluation;
    private static Serving serving;
    private static byte[] image;
    private static Path imageFile;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void trainEvaluateAndServe() throws Exception {
        TrainingService training = await(TrainingService.class);
        evaluation = await(EvaluationService.class);
        InspectionServer server = await(InspectionServer.class);
        RunResult run = training.train(tiny(), work.resolve("runs"), null);
        runDir = run.runDir();
        evaluation.evaluate(runDir, null);
        try (Stream<Path> inputs = Files.walk(runDir.resolve("inputs"))) {
            imageFile = inputs.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        }
        image = Files.readAllBytes(imageFile);
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tiny", runDir);
        serving = server.start(new ServeSettings(models, "127.0.0.1", 0, ThresholdChoice.F1, 1, 4, MAX_BYTES,
                ServeSettings.MAX_PIXELS));
    }

    @AfterAll
    static void stop() {
        if (serving != null) {
            serving.close();
        }
        TRACKERS.forEach(ServiceTracker::close);
    }

    @Test
    void healthModelsAndPageAnswer() throws Exception {
        assertTrue(serving.address().getPort() > 0, "the bound port is reported: " + serving.address());
        HttpResponse<String> health = get("health");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("ok", json(health.body()).get("status").getAsString());
        HttpResponse<String> models = get("v1/models");
        JsonObject model = json(models.body()).getAsJsonArray("models").get(0).getAsJsonObject();
        assertEquals("tiny", model.get("name").getAsString(), models.body());
        assertEquals("f1", model.getAsJsonObject("thresholds").getAsJsonObject("grid").get("choice").getAsString(),
                "the deciding thresholds listed: " + models.body());
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>DenseHybridAD inspection</title>"), page.body());
        assertEquals(404, get("nothing-here").statusCode(), "other paths are not found");
    }

    @Test
    void aSecondServiceInTheSameProcessIsRefused() throws Exception {
        InspectionServer server = await(InspectionServer.class);
        ServeException refused = assertThrows(ServeException.class, () -> server.start(new ServeSettings(
                Map.of("other", runDir), "127.0.0.1", 0, ThresholdChoice.F1, 1, 1, MAX_BYTES, 1)));
        assertTrue(refused.getMessage().contains("already runs"), refused.getMessage());
        assertEquals(200, get("health").statusCode(), "the first one goes on");
    }

    @Test
    void anImageGetsThePredictRowAndItsPictures() throws Exception {
        HttpResponse<String> answer = post("v1/inspect?model=tiny&name=part-7&images=mask,overlay", "image/png",
                image);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject served = json(answer.body());
        JsonObject row = served.getAsJsonObject("prediction");
        assertEquals("part-7", row.get("name").getAsString());

        PredictionReport predicted = evaluation.predict(runDir, List.of(imageFile), work.resolve("pred"), null,
                ThresholdChoice.F1, null);
        JsonObject written = json(Files.readString(predicted.outDir().resolve(PredictionReport.JSON)))
                .getAsJsonArray("predictions").get(0).getAsJsonObject();
        for (String field : List.of("file", "name")) {
            row.remove(field);
            written.remove(field);
        }
        assertEquals(written, row, "the served row is the predictions.json row of the same image");
        assertNotNull(row.get("verdict").getAsString(), "a verdict from the stored thresholds");

        for (String picture : List.of("mask", "overlay")) {
            byte[] png = Base64.getDecoder().decode(served.getAsJsonObject("images").get(picture).getAsString());
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(32, decoded.getWidth(), picture + " at the network's input size");
        }
    }

    @Test
    void badRequestsGetTheirStatusAndTheServiceGoesOn() throws Exception {
        assertStatus(404, post("v1/inspect?model=other", "image/png", image), "tiny");
        assertStatus(400, post("v1/inspect?model=tiny", "image/png", new byte[0]), "empty");
        assertStatus(400, post("v1/inspect?model=tiny", "image/png", Arrays.copyOf(image, image.length / 2)),
                "request body");
        assertStatus(415, post("v1/inspect?model=tiny", "text/plain", image), "Content-Type text/plain");
        assertStatus(400, post("v1/inspect?model=tiny", "application/octet-stream", zip()),
                "not in a known image format");
        assertStatus(400, post("v1/inspect?model=tiny&category=screw", "image/png", image), "grid");
        assertStatus(400, post("v1/inspect?model=tiny&images=x", "image/png", image), "images");
        assertStatus(413, post("v1/inspect?model=tiny", "image/png", pngDeclaring(100_000, 100_000)),
                "100000x100000");
        // Declared one byte over the limit, sent raw: the service answers 413 before the body, and a client that
        // is still writing the body may see the closed connection instead of the answer (a race, not a status).
        String over = rawPost("/v1/inspect?model=tiny", MAX_BYTES + 1);
        assertTrue(over.startsWith("HTTP/1.1 413"), "a body over the limit is refused: " + over);
        String declared = rawPost("/v1/inspect?model=tiny", 10L * 1024 * 1024 * 1024);
        assertTrue(declared.startsWith("HTTP/1.1 413"), "a huge declared Content-Length is refused: " + declared);

        assertEquals(200, get("health").statusCode(), "still up");
        assertEquals(200, post("v1/inspect?model=tiny", "image/png", image).statusCode(), "still decides");
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(clients.submit(() -> post("v1/inspect?model=tiny", "image/png", image)));
            }
            int ok = 0;
            int full = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
                if (response.statusCode() == 503) {
                    full++;
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null),
                            "a 503 says when to retry");
                    // the body was not read: without this a pooled connection is reused as the server closes it
                    assertEquals("close", response.headers().firstValue("Connection").orElse(null),
                            "a 503 says the connection closes");
                } else {
                    assertEquals(200, response.statusCode(), response.body());
                    ok++;
                }
            }
            assertTrue(full > 0 && ok > 0, "with a queue of 1, some of 24 concurrent requests are turned away and "
                    + "the others decided: " + ok + " decided, " + full + " turned away");
        } finally {
            clients.shutdownNow();
        }
        assertEquals(200, post("v1/inspect?model=tiny", "image/png", image).statusCode(), "decides afterwards");
    }

    private static void assertStatus(int status, HttpResponse<String> response, String reason) {
        assertEquals(status, response.statusCode(), response.body());
        String error = json(response.body()).get("error").getAsString();
        assertTrue(error.contains(reason), "the reason names '" + reason + "': " + error);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(serving.address().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String type, byte[] body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(serving.address().resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request whose header declares {@code length} bytes, with none sent: the status line of the answer. */
    private static String rawPost(String path, long length) throws IOException {
        URI address = serving.address();
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + address.getHost() + "\r\nContent-Type: image/png\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0 && b != '\n';) {
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII).trim();
        }
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("part.png"));
            zip.write(image);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The first bytes of a PNG whose header declares {@code width x height} pixels: a decompression bomb's. */
    private static byte[] pngDeclaring(int width, int height) throws IOException {
        byte[] real = image;
        byte[] bomb = real.clone();
        // IHDR data starts after the 8-byte signature, 4-byte length and 4-byte type
        java.nio.ByteBuffer.wrap(bomb, 16, 8).putInt(width).putInt(height);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bomb, 12, 17);
        java.nio.ByteBuffer.wrap(bomb, 29, 4).putInt((int) crc.getValue());
        return bomb;
    }

    private static JsonObject json(String body) {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    private static <T> T await(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(InspectionServerTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        TRACKERS.add(tracker);
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(90));
        assertNotNull(service, type.getSimpleName() + " not registered within 90 s (bundle missing from the test "
                + "runtime?)");
        return service;
    }

    /** ResNet-18 at width 0.125 on 32 px synthetic grid images, one epoch: enough to have scores and thresholds. */
    private static ExperimentSpec tiny() {
        return new ExperimentSpec("tiny",
                new PluginChoice("deeplabv3",
                        Map.of("depth", "18", "width", "0.125", "output-stride", "16", "classes", "4")),
                null, new PluginChoice("synthetic", Map.of("categories", "grid", "image-size", "32", "train-count",
                        "8", "test-good-count", "4", "test-defect-count", "4")), List.of(),
                PluginChoice.of("synthetic"),
                PasteSpec.of(Map.of(PasteSpec.MODE, PasteMode.MASK, PasteSpec.COUNT, 1, PasteSpec.PROBABILITY, 1.0,
                        PasteSpec.MIN_SCALE, 0.2, PasteSpec.MAX_SCALE, 0.5, PasteSpec.RECTANGLE_STEP, 16)),
                new LinkedHashMap<>(LossPreset.BOUNDED.weights(0.3)), FreezePolicy.NONE,
                Schedule.of(Map.of(Schedule.EPOCHS, 1, Schedule.BATCH_SIZE, 4, Schedule.INPUT_SIZE, 32,
                        Schedule.LEARNING_RATE, 1e-3, Schedule.BACKBONE_LR_FACTOR, 0.5,
                        Schedule.MIN_LEARNING_RATE, 1e-5, Schedule.LOADER_THREADS, 2)), 3L,
                List.of("pixel-auroc"), ScoreKind.HYBRID);
    }
}
