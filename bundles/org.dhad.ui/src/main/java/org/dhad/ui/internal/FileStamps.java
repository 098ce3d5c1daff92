package org.dhad.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Modification time and size of files the views poll, to tell a changed run folder from an unchanged one
 * without reading it. A file that is missing or unreadable has time 0 and size -1.
 */
public final class FileStamps {

    private FileStamps() {
    }

    public static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
