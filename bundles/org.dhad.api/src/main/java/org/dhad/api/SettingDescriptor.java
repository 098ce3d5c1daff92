package org.dhad.api;

import java.util.List;
import java.util.Objects;

/**
 * One setting a provider accepts: its key, how people see it, its type, default and allowed values.
 * The experiment model stores values as strings; validation and settings forms are generated from
 * these descriptors.
 *
 * @param key          identifier used in experiment files, lower-case with dashes
 * @param label        short label for forms and tables
 * @param type         value type
 * @param defaultValue default as text; {@code null} marks a required setting
 * @param description  one sentence for tooltips and {@code --help}
 * @param choices      allowed values for {@link SettingType#CHOICE}; empty otherwise
 * @param min          smallest allowed number, or {@code null}
 * @param max          largest allowed number, or {@code null}
 */
public record SettingDescriptor(String key, String label, SettingType type, String defaultValue,
        String description, List<String> choices, Double min, Double max) {

    public SettingDescriptor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        if (type == SettingType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("Setting '" + key + "' is a choice without choices");
        }
    }

    /** A required or defaulted integer in {@code [min, max]}. */
    public static SettingDescriptor integer(String key, String label, Integer defaultValue, int min, int max,
            String description) {
        return new SettingDescriptor(key, label, SettingType.INTEGER,
                defaultValue == null ? null : defaultValue.toString(), description, List.of(), (double) min,
                (double) max);
    }

    /** A required or defaulted decimal in {@code [min, max]}. */
    public static SettingDescriptor decimal(String key, String label, Double defaultValue, double min, double max,
            String description) {
        return new SettingDescriptor(key, label, SettingType.DECIMAL,
                defaultValue == null ? null : defaultValue.toString(), description, List.of(), min, max);
    }

    public static SettingDescriptor bool(String key, String label, boolean defaultValue, String description) {
        return new SettingDescriptor(key, label, SettingType.BOOLEAN, Boolean.toString(defaultValue), description,
                List.of(), null, null);
    }

    public static SettingDescriptor text(String key, String label, String defaultValue, String description) {
        return new SettingDescriptor(key, label, SettingType.TEXT, defaultValue, description, List.of(), null, null);
    }

    /** A file or folder path; {@code null} default makes it required. */
    public static SettingDescriptor path(String key, String label, String defaultValue, String description) {
        return new SettingDescriptor(key, label, SettingType.PATH, defaultValue, description, List.of(), null, null);
    }

    public static SettingDescriptor choice(String key, String label, String defaultValue, List<String> choices,
            String description) {
        return new SettingDescriptor(key, label, SettingType.CHOICE, defaultValue, description, choices, null, null);
    }

    /** Whether an experiment must give a value because there is no default. */
    public boolean required() {
        return defaultValue == null;
    }

    /** Words describing the allowed values, for error messages. */
    public String expected() {
        return switch (type) {
            case INTEGER -> "an integer" + range();
            case DECIMAL -> "a number" + range();
            case BOOLEAN -> "true or false";
            case TEXT -> "text";
            case PATH -> "a file or folder path";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    private String range() {
        if (min == null && max == null) {
            return "";
        }
        return " in [" + format(min) + ", " + format(max) + "]";
    }

    private static String format(Double bound) {
        if (bound == null) {
            return "any";
        }
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString(bound.longValue())
                : bound.toString();
    }
}
