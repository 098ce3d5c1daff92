package org.dhad.model.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dhad.model.ModelException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.XMLResource;

/** Reads and writes experiment XMI with the schema's package; every failure becomes a {@link ModelException}. */
final class XmiStore {

    /** Every value is written, defaults included, so that a file shows all there is to edit. */
    private static final Map<String, Object> SAVE_OPTIONS = Map.of(XMLResource.OPTION_ENCODING, "UTF-8",
            XMLResource.OPTION_KEEP_DEFAULT_CONTENT, Boolean.TRUE, XMLResource.OPTION_LINE_WIDTH, 100);

    /** No DOCTYPE: experiment files never need one, and refusing it rules out external entities. */
    private static final Map<String, Object> LOAD_OPTIONS = Map.of(XMLResource.OPTION_PARSER_FEATURES,
            Map.of("http://apache.org/xml/features/disallow-doctype-decl", Boolean.TRUE));

    private final ExperimentSchema schema;

    XmiStore(ExperimentSchema schema) {
        this.schema = schema;
    }

    /** Reads the experiment in {@code file} into a new resource set. */
    Resource load(Path file) throws ModelException {
        if (!Files.exists(file)) {
            throw new ModelException(file + ": no such file; expected an experiment .xmi file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelException(file + ": is a folder; expected an experiment .xmi file");
        }
        Resource resource = schema.newResourceSet().createResource(URI.createFileURI(file.toAbsolutePath().toString()));
        try (InputStream in = Files.newInputStream(file)) {
            return read(resource, in, file.toString());
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be read: " + e, e);
        }
    }

    /**
     * Reads an experiment from a stream into {@code resource}.
     *
     * @param source file or preset name shown in messages
     */
    Resource read(Resource resource, InputStream in, String source) throws ModelException {
        try {
            resource.load(in, LOAD_OPTIONS);
        } catch (IOException | RuntimeException e) {
            List<String> problems = LoadProblems.describe(source, resource);
            if (problems.isEmpty()) {
                throw new ModelException(source + ": cannot be read: " + e.getMessage(), e);
            }
            String message = problems.size() == 1 ? problems.get(0)
                    : source + ": " + problems.size() + " problems:\n  " + String.join("\n  ", problems);
            throw new ModelException(message, problems, e);
        }
        List<EObject> contents = resource.getContents();
        if (contents.size() != 1 || contents.get(0).eClass() != schema.experiment) {
            String found = contents.isEmpty() ? "nothing" : contents.get(0).eClass().getName();
            throw new ModelException(source + ": the root element is " + found
                    + "; expected exactly one dhad:Experiment");
        }
        return resource;
    }

    /** Writes {@code resource} to {@code file} atomically (see {@link AtomicFile}). */
    void save(Resource resource, Path file) throws ModelException {
        try {
            AtomicFile.write(file, out -> resource.save(out, SAVE_OPTIONS));
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + ": cannot be saved (" + e.getMessage()
                    + "); an existing file there was left unchanged", e);
        }
        resource.setURI(URI.createFileURI(file.toAbsolutePath().toString()));
    }
}
