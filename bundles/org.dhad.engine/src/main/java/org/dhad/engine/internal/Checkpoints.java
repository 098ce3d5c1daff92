package org.dhad.engine.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * The checkpoints of a run: {@code checkpoints/<stem>.params} (network parameters, batch-norm
 * statistics included), {@code <stem>.optimizer} (Adam moments and counts), {@code <stem>.json}
 * (where training continues) and {@code latest.json} naming the newest stem.
 */
final class Checkpoints {

    static final String FOLDER = "checkpoints";
    private static final String LATEST = "latest.json";

    /**
     * Where training continues from a checkpoint. Data order and dropout are functions of (seed, epoch,
     * batch, step), so these positions are the whole random state.
     *
     * @param stem       file stem
     * @param epoch      0-based epoch to continue in
     * @param batch      0-based batch within that epoch to continue with
     * @param globalStep steps done so far
     * @param seed       the experiment seed
     * @param skipped    samples skipped so far
     */
    record State(String stem, int epoch, int batch, long globalStep, long seed, int skipped) {
    }

    /** The contents of {@code latest.json}. */
    private record Latest(String stem) {
    }

    private final Path folder;
    private final Gson gson = new Gson();

    Checkpoints(Path runDir) {
        this.folder = runDir.resolve(FOLDER);
    }

    Path paramsFile(String stem) {
        return folder.resolve(stem + ".params");
    }

    /** Writes the three files of a checkpoint, then points {@code latest.json} at it. */
    Path write(State state, Block block, GroupedAdam optimizer) throws IOException {
        Files.createDirectories(folder);
        Path params = paramsFile(state.stem());
        writeAtomically(params, out -> block.saveParameters(out));
        writeAtomically(folder.resolve(state.stem() + ".optimizer"), optimizer::save);
        writeJson(folder.resolve(state.stem() + ".json"), state);
        writeJson(folder.resolve(LATEST), new Latest(state.stem()));
        return params;
    }

    /**
     * Deletes the checkpoints a finished epoch supersedes: all but the newest {@code keepEpochs} epoch
     * checkpoints, and every {@code interrupted-*} one (training went on from it). {@code diverged-*}
     * checkpoints are kept for diagnosis. {@code keepEpochs <= 0} keeps everything.
     */
    void prune(int keepEpochs) throws IOException {
        if (keepEpochs <= 0 || !Files.isDirectory(folder)) {
            return;
        }
        List<String> epochs = new ArrayList<>();
        List<String> interrupted = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json") && name.startsWith("epoch-")) {
                    epochs.add(name.substring(0, name.length() - 5));
                } else if (name.endsWith(".json") && name.startsWith("interrupted-")) {
                    interrupted.add(name.substring(0, name.length() - 5));
                }
            }
        }
        Collections.sort(epochs);
        List<String> doomed = new ArrayList<>(interrupted);
        doomed.addAll(epochs.subList(0, Math.max(0, epochs.size() - keepEpochs)));
        String latest = latest().stem();
        for (String stem : doomed) {
            if (!stem.equals(latest)) {
                for (String suffix : List.of(".params", ".optimizer", ".json")) {
                    Files.deleteIfExists(folder.resolve(stem + suffix));
                }
            }
        }
    }

    /** The newest checkpoint's state. */
    State latest() throws IOException {
        Path file = folder.resolve(LATEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist: the run has no checkpoint to continue from");
        }
        Latest latest = readJson(file, Latest.class);
        return readJson(folder.resolve(latest.stem() + ".json"), State.class);
    }

    /** Loads a checkpoint's parameters into an initialised block of the same architecture. */
    void loadParameters(State state, Block block, NDManager manager) throws IOException {
        loadParameters(paramsFile(state.stem()), block, manager);
    }

    /**
     * Loads a parameters file written by a checkpoint (or {@code dhad pretrain}) into an initialised block of
     * the same architecture.
     */
    static void loadParameters(Path file, Block block, NDManager manager) throws IOException {
        java.util.Map<String, NDArray> initialised = new java.util.HashMap<>();
        block.getParameters().forEach(p -> initialised.put(p.getKey(), p.getValue().getArray()));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException | IllegalArgumentException e) {
            throw new IOException(file + " does not fit the experiment's network: " + e.getMessage(), e);
        }
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            NDArray initial = initialised.get(p.getKey());
            NDArray loaded = p.getValue().getArray();
            // DJL takes a stored array of another shape as it is: compare the shapes, or a network of other
            // classes or width would train with the file's
            if (!loaded.getShape().equals(initial.getShape())) {
                throw new IOException(file + " does not fit the experiment's network: parameter " + p.getKey()
                        + " has shape " + loaded.getShape() + " in the file and " + initial.getShape()
                        + " in the network; expected weights of the same backbone and settings");
            }
            // DJL's Parameter.load replaces the initialised array without closing it: the model's manager would
            // keep a second copy of every weight until the model closes
            if (loaded != initial) {
                initial.close();
            }
        }
    }

    void loadOptimizer(State state, GroupedAdam optimizer) throws IOException {
        Path file = folder.resolve(state.stem() + ".optimizer");
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            optimizer.load(in, file.toString());
        }
    }

    /** Something that writes a binary file. */
    private interface BinaryWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, BinaryWriter writer) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
            writer.write(out);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeJson(Path file, Object value) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            gson.toJson(value, out);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private <T> T readJson(Path file, Class<T> type) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            T value = gson.fromJson(in, type);
            if (value == null) {
                throw new IOException(file + " is empty; expected a checkpoint description");
            }
            return value;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a valid checkpoint description: " + e.getMessage(), e);
        }
    }
}
