package org.dhad.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.SettingType;
import org.dhad.api.Settings;

/**
 * One section of an experiment's own settings ({@link PasteSpec paste}, {@link Schedule schedule}): every value
 * by key, typed, ranged, defaulted and described by the section's {@link SettingDescriptor}s. Those descriptors
 * are the only definition of a field: the experiment file's attributes, the checks, the workbench form and
 * {@code experiment.json} are all derived from them, so a new field is one descriptor plus its use.
 * <p>
 * Keys are the experiment file's attribute names (camelCase, unlike the dashed keys of provider settings). Values
 * are kept as text, numbers normalised, so that a value the file or the form holds but the descriptor refuses
 * still reaches {@link #problems()} and is reported with its field path.
 *
 * @param <S> the concrete section, returned by {@link #with(String, Object)}
 */
public abstract class ExperimentSection<S extends ExperimentSection<S>> {

    private final String name;
    private final List<SettingDescriptor> fields;
    private final Map<String, String> values;
    /** The values as typed settings, made once: the engine reads them per sample and per step. */
    private final Settings settings;
    private final Function<Map<String, String>, S> factory;

    protected ExperimentSection(String name, List<SettingDescriptor> fields, Map<String, ?> given,
            Function<Map<String, String>, S> factory) {
        this.name = name;
        this.fields = fields;
        this.factory = factory;
        Map<String, String> complete = new LinkedHashMap<>();
        for (SettingDescriptor field : fields) {
            Object value = given.get(field.key());
            complete.put(field.key(), value == null ? field.defaultValue() : normalised(field, value.toString()));
        }
        for (String key : given.keySet()) {
            if (!complete.containsKey(key)) {
                throw new IllegalArgumentException(name + " has no field '" + key + "'; it has " + keys(fields));
            }
        }
        this.values = Collections.unmodifiableMap(complete);
        this.settings = new Settings(name, fields, values);
    }

    /** The section's element name in the experiment file and its member in {@code experiment.json}. */
    public final String sectionName() {
        return name;
    }

    /** Every field of this section, in file and form order. */
    public final List<SettingDescriptor> fields() {
        return fields;
    }

    /** Every field's value as text, defaults filled in, in field order. */
    public final Map<String, String> values() {
        return values;
    }

    /** A copy with one field changed; {@code value} is a number, an enum constant, a boolean or text. */
    public final S with(String key, Object value) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        if (!changed.containsKey(key)) {
            throw new IllegalArgumentException(name + " has no field '" + key + "'; it has " + keys(fields));
        }
        changed.put(key, value instanceof Enum<?> constant ? constant.name() : String.valueOf(value));
        return factory.apply(changed);
    }

    /**
     * Every value that does not fit its field, then what the fields do not allow together, each as
     * {@code <section>.<key>: <value> is not allowed; expected <what>}. Empty when the section is valid.
     */
    public final List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (SettingDescriptor field : fields) {
            if (!valid(field.key())) {
                problems.add(notAllowed(field.key(), values.get(field.key()), field.expected()));
            }
        }
        combinationProblems(problems);
        return problems;
    }

    /** Adds the problems of values that are each valid but not together (check {@link #valid} first). */
    protected void combinationProblems(List<String> problems) {
    }

    /** Whether each of these fields holds a value its descriptor allows. */
    protected final boolean valid(String... keys) {
        for (String key : keys) {
            try {
                settings.getString(key);
            } catch (InvalidSettingException e) {
                return false;
            }
        }
        return true;
    }

    /** A problem in the shared format, for {@link #combinationProblems(List)}. */
    protected final String notAllowed(String key, Object value, String expected) {
        return name + "." + key + ": " + (value == null ? "missing" : shown(value) + " is not allowed") + "; expected "
                + expected;
    }

    /** Numbers as they are, other text in quotes (so that an empty or spaced value shows). */
    private static String shown(Object value) {
        try {
            Double.parseDouble(value.toString());
            return value.toString();
        } catch (NumberFormatException e) {
            return "'" + value + "'";
        }
    }

    protected final int intValue(String key) {
        return settings.getInt(key);
    }

    protected final double doubleValue(String key) {
        return settings.getDouble(key);
    }

    protected final boolean booleanValue(String key) {
        return settings.getBoolean(key);
    }

    protected final <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        return Enum.valueOf(type, settings.getString(key).trim());
    }

    /** The constants of {@code type} by name: the choices of a field that takes them, or words for a message. */
    static List<String> names(Class<? extends Enum<?>> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    /** Numbers in one spelling ({@code 1e-4} and {@code 0.0001} are one value); other text as given. */
    private static String normalised(SettingDescriptor field, String value) {
        try {
            if (field.type() == SettingType.INTEGER) {
                return Long.toString(Long.parseLong(value.trim()));
            }
            if (field.type() == SettingType.DECIMAL) {
                return Double.toString(Double.parseDouble(value.trim()));
            }
        } catch (NumberFormatException e) {
            // kept as given: problems() names it
        }
        return value;
    }

    private static String keys(List<SettingDescriptor> fields) {
        return String.join(", ", fields.stream().map(SettingDescriptor::key).toList());
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof ExperimentSection<?> section && section.getClass() == getClass()
                && section.values.equals(values);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), values);
    }

    @Override
    public final String toString() {
        return name + values;
    }
}
