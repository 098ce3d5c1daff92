package org.dhad.results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One value of the resolved experiment that is not the same in every run compared: what tells apart runs of
 * the same backbone with another {@code .pt} file, depth or width, or the same preset on other data. The one
 * definition behind {@code dhad compare}, {@code dhad runs}, the HTML report and the workbench's comparison.
 *
 * @param key    dotted path in {@code experiment.json} ({@code backbone.settings.file})
 * @param label  how a table heads it ({@code backbone file})
 * @param values each run's value as written; {@value #DEFAULT} for a provider setting the run leaves to the
 *               provider's default, {@value #NONE} for anything else the run does not have (no weights file)
 * @param shown  each run's value as tables show it: a path by its file name, with as many parent folders as
 *               it takes to tell the paths apart
 */
public record SettingDifference(String key, String label, List<String> values, List<String> shown) {

    /** A provider setting a run does not give: the provider's default applies (unknown here: no registry). */
    public static final String DEFAULT = "default";

    /** Any other value a run does not have. */
    public static final String NONE = "none";

    /** Not settings: the name labels the run already, metrics are the comparison's own columns. */
    private static final Set<String> NOT_SETTINGS = Set.of("name", "metrics");

    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]+");

    public SettingDifference {
        values = List.copyOf(values);
        shown = List.copyOf(shown);
    }

    /** The values in which {@code runs} are not all alike, in the order of the experiment file. */
    public static List<SettingDifference> between(List<RunConfiguration> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.values().keySet()));
        List<SettingDifference> out = new ArrayList<>();
        for (String key : keys) {
            if (NOT_SETTINGS.contains(key)) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (RunConfiguration run : runs) {
                String value = run.values().get(key);
                values.add(value != null ? value : key.contains(".settings.") ? DEFAULT : NONE);
            }
            if (new HashSet<>(values).size() > 1) {
                out.add(new SettingDifference(key, label(key), values, shown(values)));
            }
        }
        return out;
    }

    /** Whether the table shows run {@code run}'s value shortened (a path by its file name). */
    public boolean shortened(int run) {
        return !values.get(run).equals(shown.get(run));
    }

    /** Run {@code run}'s differences as one text: {@code backbone file=imagenet.pt, backbone depth=18}. */
    public static String summary(List<SettingDifference> differences, int run) {
        List<String> parts = new ArrayList<>();
        differences.forEach(d -> parts.add(d.label() + "=" + d.shown().get(run)));
        return String.join(", ", parts);
    }

    /** {@code backbone.settings.output-stride} → {@code backbone output-stride}; camel case to words. */
    static String label(String key) {
        List<String> words = new ArrayList<>();
        for (String part : key.split("\\.")) {
            if (!part.equals("settings")) {
                words.add(part.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
            }
        }
        return String.join(" ", words);
    }

    /**
     * Paths by their last name, or their last two, three... names where the last ones alone would make two
     * different paths look the same ({@code a/model.pt}, {@code b/model.pt}); other values as they are.
     */
    static List<String> shown(List<String> values) {
        Set<String> distinct = new HashSet<>(values);
        for (int names = 1;; names++) {
            List<String> shown = new ArrayList<>();
            boolean whole = true;
            for (String value : values) {
                String tail = tail(value, names);
                whole &= tail.equals(value) || !isPath(value);
                shown.add(tail);
            }
            if (whole || new HashSet<>(shown).size() == distinct.size()) {
                return shown;
            }
        }
    }

    /** A path by its last name ({@code /models/a.pt} → {@code a.pt}); any other value as it is. */
    static String fileName(String value) {
        return tail(value, 1);
    }

    private static boolean isPath(String value) {
        return SEPARATORS.matcher(value).find();
    }

    /** The last {@code names} names of a path; the value itself when it is not a path or has no more names. */
    private static String tail(String value, int names) {
        if (!isPath(value)) {
            return value;
        }
        List<String> parts = new ArrayList<>();
        for (String part : SEPARATORS.split(value)) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts.size() <= names ? value : String.join("/", parts.subList(parts.size() - names, parts.size()));
    }
}
