package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhad.engine.EngineException;

/**
 * The images {@code dhad predict} decides: files as given, folders walked recursively in name order (hidden files
 * and folders left out). Each image gets a name in the output folder: its path inside the folder it was found
 * in, or its file name, without the extension.
 */
final class PredictionInputs {

    /** An image file and its name in the output folder ({@code /}-separated, no extension). */
    record Input(Path file, String name) {
    }

    private final List<Input> images = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private PredictionInputs() {
    }

    /**
     * @throws EngineException when two inputs would write the same output name, naming both
     */
    static PredictionInputs collect(List<Path> arguments) throws EngineException {
        PredictionInputs inputs = new PredictionInputs();
        Map<String, Path> taken = new HashMap<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> walk = Files.walk(argument)) {
                    for (Path file : walk.filter(f -> !hidden(argument.relativize(f))).filter(Files::isRegularFile)
                            .sorted().toList()) {
                        inputs.add(file, stem(argument.relativize(file)), taken);
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    inputs.problems.add(argument + ": cannot be listed: " + e.getMessage());
                }
            } else if (Files.exists(argument)) {
                inputs.add(argument, stem(argument.getFileName()), taken);
            } else {
                inputs.problems.add(argument + ": no such file or folder");
            }
        }
        return inputs;
    }

    private void add(Path file, String name, Map<String, Path> taken) throws EngineException {
        Path other = taken.putIfAbsent(name, file);
        if (other != null) {
            throw new EngineException(other + " and " + file + " would both be written as " + name
                    + ".png: give them in one folder argument, or rename one");
        }
        images.add(new Input(file, name));
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String stem(Path relative) {
        return relative.toString().replace('\\', '/').replaceFirst("\\.[^./]*$", "");
    }

    /** The image files found, in argument order. */
    List<Input> images() {
        return images;
    }

    /** Arguments that are neither a file nor a folder that can be listed, each with why. */
    List<String> problems() {
        return problems;
    }
}
