package org.dhad.engine.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import org.dhad.engine.ExperimentSpec;
import org.dhad.results.RunFolder;

/** The resolved experiment of a run as {@code experiment.json}, so evaluation and resume can rebuild it. */
final class ExperimentJson {

    static final String FILE = RunFolder.EXPERIMENT_FILE;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .registerTypeHierarchyAdapter(Path.class, new PathAdapter()).create();

    private ExperimentJson() {
    }

    static void write(ExperimentSpec spec, Path runDir) throws IOException {
        try (Writer out = Files.newBufferedWriter(runDir.resolve(FILE), StandardCharsets.UTF_8)) {
            GSON.toJson(spec, out);
        }
    }

    static ExperimentSpec read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist; expected a run folder written by 'dhad train'");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ExperimentSpec spec = GSON.fromJson(in, ExperimentSpec.class);
            if (spec == null || spec.name() == null || spec.backbone() == null || spec.schedule() == null) {
                throw new IOException(file + " is not a complete experiment (name, backbone and schedule expected)");
            }
            return spec;
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is not a valid experiment: " + e.getMessage(), e);
        }
    }

    /** Paths as plain strings; {@code null} for no weights file. */
    private static final class PathAdapter extends TypeAdapter<Path> {
        @Override
        public void write(JsonWriter out, Path value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Path read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Path.of(in.nextString());
        }
    }
}
