package org.dhad.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values an experiment gives one provider, checked against the provider's
 * {@link SettingDescriptor}s. Missing values fall back to the descriptor's default.
 * <p>
 * {@link #validate()} lists every problem at once; the typed getters throw
 * {@link InvalidSettingException} naming the provider, the key, the value and what was expected.
 */
public final class Settings {

    private final String owner;
    private final Map<String, SettingDescriptor> descriptors = new LinkedHashMap<>();
    private final Map<String, String> values;

    /**
     * @param owner       provider id, used in messages
     * @param descriptors what the provider accepts
     * @param values      the experiment's values by key; unknown keys are reported by {@link #validate()}
     */
    public Settings(String owner, List<SettingDescriptor> descriptors, Map<String, String> values) {
        this.owner = owner;
        descriptors.forEach(d -> this.descriptors.put(d.key(), d));
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Settings of a provider that takes all defaults. */
    public static Settings defaults(Provider provider) {
        return new Settings(provider.id(), provider.settings(), Map.of());
    }

    /** The provider id these settings belong to. */
    public String owner() {
        return owner;
    }

    /** The values as given (not including defaults). */
    public Map<String, String> values() {
        return values;
    }

    /** Every problem with the values: unknown keys, missing required values, values of the wrong type or range. */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!descriptors.containsKey(key)) {
                problems.add(owner + ": unknown setting '" + key + "'; known settings: "
                        + String.join(", ", descriptors.keySet()));
            }
        }
        for (SettingDescriptor descriptor : descriptors.values()) {
            try {
                check(descriptor, raw(descriptor));
            } catch (InvalidSettingException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    public int getInt(String key) {
        SettingDescriptor d = descriptor(key);
        return (int) check(d, raw(d)).longValue();
    }

    public long getLong(String key) {
        SettingDescriptor d = descriptor(key);
        return check(d, raw(d)).longValue();
    }

    public double getDouble(String key) {
        SettingDescriptor d = descriptor(key);
        return check(d, raw(d)).doubleValue();
    }

    public boolean getBoolean(String key) {
        SettingDescriptor d = descriptor(key);
        check(d, raw(d));
        return Boolean.parseBoolean(raw(d).trim());
    }

    public String getString(String key) {
        SettingDescriptor d = descriptor(key);
        check(d, raw(d));
        return raw(d);
    }

    /** A path setting; empty when the value is blank and the setting has a blank default. */
    public Optional<Path> getPath(String key) {
        SettingDescriptor d = descriptor(key);
        check(d, raw(d));
        String value = raw(d);
        return value.isBlank() ? Optional.empty() : Optional.of(Path.of(expandHome(value.trim())));
    }

    private static String expandHome(String value) {
        return value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value;
    }

    private SettingDescriptor descriptor(String key) {
        SettingDescriptor d = descriptors.get(key);
        if (d == null) {
            throw new IllegalArgumentException(owner + " declares no setting '" + key + "'");
        }
        return d;
    }

    private String raw(SettingDescriptor d) {
        String value = values.get(d.key());
        return value != null ? value : d.defaultValue();
    }

    /** Parses and range-checks; returns the number for numeric settings, otherwise {@code 0}. */
    private Number check(SettingDescriptor d, String value) {
        if (value == null) {
            throw new InvalidSettingException(owner, d.key(), null, d.expected() + " (required, no default)");
        }
        String v = value.trim();
        switch (d.type()) {
            case INTEGER, DECIMAL -> {
                double number;
                try {
                    number = d.type() == SettingType.INTEGER ? Long.parseLong(v) : Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException(owner, d.key(), value, d.expected());
                }
                if (Double.isNaN(number) || (d.min() != null && number < d.min())
                        || (d.max() != null && number > d.max())) {
                    throw new InvalidSettingException(owner, d.key(), value, d.expected());
                }
                return d.type() == SettingType.INTEGER ? (Number) Long.parseLong(v) : (Number) number;
            }
            case BOOLEAN -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new InvalidSettingException(owner, d.key(), value, d.expected());
                }
            }
            case CHOICE -> {
                if (!d.choices().contains(v)) {
                    throw new InvalidSettingException(owner, d.key(), value, d.expected());
                }
            }
            case PATH -> {
                try {
                    Path.of(v);
                } catch (InvalidPathException e) {
                    throw new InvalidSettingException(owner, d.key(), value, d.expected());
                }
            }
            case TEXT -> {
                // any text is valid
            }
        }
        return 0;
    }
}
