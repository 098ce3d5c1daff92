package org.dhad.data.mvtec.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.Settings;
import org.dhad.api.data.DataException;

/** Checks on the folders and list settings every dataset layout reads. */
final class RootFolder {

    private RootFolder() {
    }

    /**
     * The folder a path setting names.
     *
     * @param expected what should be there, for the message
     * @throws DataException when the setting is missing or invalid, or the folder is missing or unreadable
     */
    static Path require(Settings settings, String key, String expected) throws DataException {
        Path folder;
        try {
            folder = settings.getPath(key).orElseThrow(() -> new DataException(
                    settings.owner() + ": setting '" + key + "' is empty; expected " + expected));
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
        return check(folder, expected);
    }

    /** {@code folder} itself, when it exists and can be listed. */
    static Path check(Path folder, String expected) throws DataException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new DataException(absolute + " does not exist; expected " + expected);
        }
        if (!Files.isDirectory(absolute)) {
            throw new DataException(absolute + " is not a folder; expected " + expected);
        }
        if (!Files.isReadable(absolute) || !Files.isExecutable(absolute)) {
            throw new DataException(absolute + " cannot be read (permission denied); expected " + expected);
        }
        return absolute;
    }

    /** A comma-separated list setting as a set of trimmed, non-empty entries. */
    static Set<String> list(Settings settings, String key) throws DataException {
        try {
            return Arrays.stream(settings.getString(key).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /** Extensions in lower case without dots. */
    static Set<String> extensions(Settings settings, String key) throws DataException {
        return list(settings, key).stream().map(e -> e.toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
