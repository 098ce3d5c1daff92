package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.dhad.results.ThresholdChoice;
import org.dhad.serve.InspectionServer;
import org.dhad.serve.ServeException;
import org.dhad.serve.ServeSettings;
import org.dhad.serve.Serving;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dhad serve}: trained runs decide images sent over HTTP until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve trained, evaluated runs over HTTP (docs/serving.md): POST /v1/inspect?model=NAME with an "
                + "image body answers dhad predict's row (and, with images=mask,overlay, the PNGs); GET /v1/models, "
                + "GET /health, and a page at / to drop an image on.",
                "Stops on Ctrl-C or SIGTERM."})
final class ServeCommand implements Callable<Integer> {

    private final Supplier<InspectionServer> server;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "[NAME=]RUN_DIR",
            description = "Runs to serve; a run's name (the model parameter) is its experiment folder's name unless "
                    + "given as NAME=RUN_DIR.")
    private List<String> runs;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
            description = "Port (default 8080; 0 takes a free one, printed at start).")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1, this machine only).")
    private String bind;

    @Option(names = "--threshold", paramLabel = "f1|good-rate:SHARE|VALUE", defaultValue = "f1",
            description = "The stored thresholds that decide, as for dhad predict (default f1).")
    private String threshold;

    @Option(names = "--queue", defaultValue = "" + ServeSettings.QUEUE, paramLabel = "N",
            description = "Requests in progress at once (default ${DEFAULT-VALUE}); more are answered 503 with "
                    + "Retry-After.")
    private int queue;

    @Option(names = "--batch", defaultValue = "" + ServeSettings.BATCH, paramLabel = "N",
            description = "Waiting images scored as one batch, at most (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--max-bytes", defaultValue = "" + ServeSettings.MAX_BYTES, paramLabel = "N",
            description = "Largest request body in bytes (default ${DEFAULT-VALUE}, 20 MB); larger: 413.")
    private long maxBytes;

    @Option(names = "--max-pixels", defaultValue = "" + ServeSettings.MAX_PIXELS, paramLabel = "N",
            description = "Most pixels an image may declare (default ${DEFAULT-VALUE}, 4096x4096); more: 413.")
    private long maxPixels;

    ServeCommand(Supplier<InspectionServer> server) {
        this.server = server;
    }

    @Override
    public Integer call() throws ServeException, InterruptedException {
        ThresholdChoice choice;
        try {
            choice = ThresholdChoice.parse(threshold);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--threshold: " + e.getMessage());
        }
        ServeSettings settings = new ServeSettings(models(), bind, port, choice, queue, batch, maxBytes, maxPixels);
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        Serving serving = server.get().start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            serving.close();
            stopped.countDown();
        }, "dhad-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Serving " + serving.models().size() + " model(s) at " + serving.address()
                + " (Ctrl-C stops):");
        serving.models().forEach((name, run) -> out.println("  " + name + "  " + run));
        out.flush();
        stopped.await();
        return 0;
    }

    /** Names to run folders: NAME=RUN_DIR as given, else the experiment folder's name, else experiment/run. */
    private Map<String, Path> models() {
        Map<String, Path> models = new LinkedHashMap<>();
        for (String run : runs) {
            int eq = run.indexOf('=');
            String name = eq > 0 && !Files.exists(Path.of(run)) ? run.substring(0, eq) : null;
            Path dir = Path.of(name == null ? run : run.substring(eq + 1)).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), dir + ": no such run folder");
            }
            if (name == null) {
                name = dir.getParent() == null ? dir.getFileName().toString() : dir.getParent().getFileName().toString();
                if (models.containsKey(name)) {
                    name = name + "/" + dir.getFileName();
                }
            }
            if (models.putIfAbsent(name, dir) != null) {
                throw new ParameterException(spec.commandLine(), "two runs are named '" + name
                        + "': name them with NAME=RUN_DIR");
            }
        }
        return models;
    }
}
