package org.dhad.experiment;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.dhad.api.SettingDescriptor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * A run's experiment as {@code experiment.json}: written by the engine when a run starts, read back by resume
 * and evaluation, and by the results reader for comparisons. Both sides use this class and
 * {@link ExperimentSpec}, so the file's member names are defined once (the record components and the
 * sections' field keys).
 */
public final class ExperimentJson {

    /** The file name inside a run folder. */
    public static final String FILE = "experiment.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .registerTypeHierarchyAdapter(Path.class, new PathAdapter())
            .registerTypeAdapter(PasteSpec.class, new SectionAdapter<>(PasteSpec.FIELDS, PasteSpec::of))
            .registerTypeAdapter(Schedule.class, new SectionAdapter<>(Schedule.FIELDS, Schedule::of)).create();

    private ExperimentJson() {
    }

    /** Writes {@code spec} to {@code runDir/experiment.json}. */
    public static void write(ExperimentSpec spec, Path runDir) throws IOException {
        try (Writer out = Files.newBufferedWriter(runDir.resolve(FILE), StandardCharsets.UTF_8)) {
            GSON.toJson(spec, out);
        }
    }

    /**
     * The experiment of a run folder, complete enough to train or evaluate.
     *
     * @throws IOException naming the file when it is missing, not JSON or lacks name, backbone or schedule
     */
    public static ExperimentSpec read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist; expected a run folder written by 'dhad train'");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ExperimentSpec spec = fromJson(JsonParser.parseReader(in));
            if (spec == null || spec.name() == null || spec.backbone() == null || spec.schedule() == null) {
                throw new IOException(file + " is not a complete experiment (name, backbone and schedule expected)");
            }
            return spec;
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new IOException(file + " is not a valid experiment: " + e.getMessage(), e);
        }
    }

    /**
     * An experiment as far as {@code json} gives it: members it lacks are {@code null} (lists and maps
     * empty), as in a file written by hand.
     *
     * @throws JsonParseException       when a member has the wrong shape
     * @throws IllegalArgumentException when a section names a field it does not have
     */
    public static ExperimentSpec fromJson(JsonElement json) {
        return GSON.fromJson(json, ExperimentSpec.class);
    }

    /** A section as an object of its fields, numbers and booleans as JSON numbers and booleans. */
    private static final class SectionAdapter<S extends ExperimentSection<S>> extends TypeAdapter<S> {

        private final Map<String, SettingDescriptor> fields = new LinkedHashMap<>();
        private final Function<Map<String, ?>, S> factory;

        SectionAdapter(Iterable<SettingDescriptor> fields, Function<Map<String, ?>, S> factory) {
            fields.forEach(f -> this.fields.put(f.key(), f));
            this.factory = factory;
        }

        @Override
        public void write(JsonWriter out, S section) throws IOException {
            if (section == null) {
                out.nullValue();
                return;
            }
            out.beginObject();
            for (Map.Entry<String, String> e : section.values().entrySet()) {
                out.name(e.getKey());
                String value = e.getValue();
                try {
                    switch (fields.get(e.getKey()).type()) {
                        case INTEGER -> out.value(Long.parseLong(value));
                        case DECIMAL -> out.value(Double.parseDouble(value));
                        case BOOLEAN -> out.value(Boolean.parseBoolean(value));
                        default -> out.value(value);
                    }
                } catch (NumberFormatException notANumber) {
                    out.value(value); // an invalid value is written as it is; reading it back reports it
                }
            }
            out.endObject();
        }

        @Override
        public S read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                } else {
                    values.put(key, in.nextString());
                }
            }
            in.endObject();
            return factory.apply(values);
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
