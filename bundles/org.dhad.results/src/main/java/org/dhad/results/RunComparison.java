package org.dhad.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several runs side by side, as the paper's Table I: one row per run with what sets it apart (freeze policy,
 * how negatives are pasted, negative source, backbone, then every other setting in which the runs differ, loss
 * terms) and each metric in percent, on one category or the mean over categories. Runs not evaluated yet show
 * {@code n/a}.
 */
public final class RunComparison {

    /** Columns before the metrics that every comparison has; the differing settings follow "backbone". */
    public static final List<String> FIXED_COLUMNS =
            List.of("run", "freeze", "patches", "negatives", "backbone", "loss", "epochs");

    /** Where the differing settings go: right after the backbone's id, since most are the backbone's. */
    private static final int DIFFERENCES_AT = FIXED_COLUMNS.indexOf("backbone") + 1;

    /** Experiment values the fixed columns show already; {@code lossWeights.} is a prefix. */
    private static final List<String> SHOWN_IN_FIXED_COLUMNS =
            List.of("freeze", "paste.mode", "negatives.id", "backbone.id", "lossWeights.", "schedule.epochs");

    /** Settings that tell apart the runs within one row of {@link #overSeeds}: the row shows them together. */
    private static final List<String> VARYING_WITHIN_A_ROW = List.of("name", "seed", "categories");

    private final String category;
    private final List<RunMetrics.Metric> metrics;
    private final List<RunFolder> runs;
    private final List<SettingDifference> differences;
    private final List<List<String>> configuration = new ArrayList<>();
    private final List<Map<String, Double>> values = new ArrayList<>();
    /** Per row, the standard deviation over seeds of each metric; empty for rows of one run. */
    private final List<Map<String, Double>> spreads = new ArrayList<>();

    private RunComparison(String category, List<String> labels, List<RunFolder> runs, List<RunMetrics.Metric> metrics,
            List<Map<String, Double>> values, List<Map<String, Double>> spreads, List<String> alsoAlike) {
        this.category = category;
        this.runs = List.copyOf(runs);
        this.metrics = List.copyOf(metrics);
        this.differences = SettingDifference.between(runs.stream().map(RunFolder::configuration).toList()).stream()
                .filter(d -> SHOWN_IN_FIXED_COLUMNS.stream().noneMatch(k -> k.endsWith(".")
                        ? d.key().startsWith(k) : d.key().equals(k)) && !alsoAlike.contains(d.key()))
                .toList();
        for (int i = 0; i < runs.size(); i++) {
            RunConfiguration c = runs.get(i).configuration();
            List<String> row = new ArrayList<>(List.of(labels.get(i),
                    RunConfiguration.capitalised(c.freeze()), RunConfiguration.capitalised(c.pasteMode()),
                    c.negatives(), c.backbone(), c.lossSummary(), String.valueOf(c.epochs())));
            int run = i;
            row.addAll(DIFFERENCES_AT, differences.stream().map(d -> d.shown().get(run)).toList());
            configuration.add(List.copyOf(row));
        }
        this.values.addAll(values);
        this.spreads.addAll(spreads);
    }

    /** Compares {@code runs} on the mean over categories ({@code category} null) or on one category. */
    public static RunComparison of(List<RunFolder> runs, String category) throws ResultsException {
        List<Optional<RunMetrics>> evaluated = new ArrayList<>();
        for (RunFolder run : runs) {
            evaluated.add(run.metrics());
        }
        List<Map<String, Double>> values = new ArrayList<>();
        for (Optional<RunMetrics> m : evaluated) {
            values.add(m.map(r -> category == null ? r.mean() : valuesOf(r, category)).orElse(Map.of()));
        }
        return new RunComparison(category, runs.stream().map(RunFolder::label).toList(), runs, union(evaluated),
                values, runs.stream().map(r -> Map.<String, Double>of()).toList(), List.of());
    }

    /**
     * A sweep's Table I: one row per experiment, whose runs each trained some categories with some seed. For
     * every seed the value is the category's ({@code category} given) or the mean over the categories the
     * seed's evaluated runs cover (null); the row shows the mean over seeds and their standard deviation
     * ({@link #spread}). Runs not evaluated yet are left out; a row without any shows {@code n/a}.
     *
     * @param experiments the runs of each row by the row's label, in row order; every list non-empty
     */
    public static RunComparison overSeeds(Map<String, List<RunFolder>> experiments, String category)
            throws ResultsException {
        List<Optional<RunMetrics>> all = new ArrayList<>();
        List<RunFolder> representatives = new ArrayList<>();
        List<Map<String, Double>> values = new ArrayList<>();
        List<Map<String, Double>> spreads = new ArrayList<>();
        for (List<RunFolder> rowRuns : experiments.values()) {
            representatives.add(rowRuns.get(0));
            // seed -> category -> metric -> values (a category trained twice with one seed counts as their mean)
            Map<Long, Map<String, Map<String, List<Double>>>> bySeed = new java.util.TreeMap<>();
            for (RunFolder run : rowRuns) {
                Optional<RunMetrics> metrics = run.metrics();
                all.add(metrics);
                metrics.ifPresent(m -> m.perCategory().forEach((c, byMetric) -> byMetric.forEach((id, v) -> bySeed
                        .computeIfAbsent(run.configuration().seed(), s -> new LinkedHashMap<>())
                        .computeIfAbsent(c, k -> new LinkedHashMap<>())
                        .computeIfAbsent(id, k -> new ArrayList<>()).add(v.value()))));
            }
            Map<String, List<Double>> perSeed = new LinkedHashMap<>();
            bySeed.values().forEach(categories -> {
                Map<String, List<Double>> pooled = new LinkedHashMap<>();
                categories.forEach((c, byMetric) -> {
                    if (category == null || category.equals(c)) {
                        byMetric.forEach((id, v) -> pooled.computeIfAbsent(id, k -> new ArrayList<>()).add(mean(v)));
                    }
                });
                pooled.forEach((id, v) -> perSeed.computeIfAbsent(id, k -> new ArrayList<>()).add(mean(v)));
            });
            Map<String, Double> rowValues = new LinkedHashMap<>();
            Map<String, Double> rowSpreads = new LinkedHashMap<>();
            perSeed.forEach((id, v) -> {
                rowValues.put(id, mean(v));
                if (v.size() > 1) {
                    rowSpreads.put(id, standardDeviation(v));
                }
            });
            values.add(rowValues);
            spreads.add(rowSpreads);
        }
        return new RunComparison(category, List.copyOf(experiments.keySet()), representatives, union(all), values,
                spreads, VARYING_WITHIN_A_ROW);
    }

    private static List<RunMetrics.Metric> union(List<Optional<RunMetrics>> evaluated) {
        Map<String, RunMetrics.Metric> union = new LinkedHashMap<>();
        evaluated.forEach(m -> m.ifPresent(r -> r.metrics().forEach(c -> union.putIfAbsent(c.id(), c))));
        return List.copyOf(union.values());
    }

    /** Mean of the values that are numbers; NaN when none is (an undefined metric stays undefined). */
    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1) of the values that are numbers; NaN for fewer than two. */
    private static double standardDeviation(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    }

    private static Map<String, Double> valuesOf(RunMetrics m, String category) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.perCategory().getOrDefault(category, Map.of()).forEach((id, v) -> out.put(id, v.value()));
        return out;
    }

    /** The category compared, or null for the mean. */
    public String category() {
        return category;
    }

    /** The runs compared; for {@link #overSeeds}, the first run of each row. */
    public List<RunFolder> runs() {
        return runs;
    }

    /** Every metric any run has, in the order first met. */
    public List<RunMetrics.Metric> metrics() {
        return metrics;
    }

    /** The settings in which the runs differ beyond the fixed columns; empty when they differ in none. */
    public List<SettingDifference> differences() {
        return differences;
    }

    /** The columns before the metrics: the fixed ones with the differing settings after "backbone". */
    public List<String> configurationColumns() {
        List<String> out = new ArrayList<>(FIXED_COLUMNS);
        out.addAll(DIFFERENCES_AT, differences.stream().map(SettingDifference::label).toList());
        return out;
    }

    /**
     * The whole value behind cell ({@code row}, {@code column}) where the cell shows it shortened (a path by
     * its file name), for a tooltip; null where the cell shows all of it.
     */
    public String fullText(int row, int column) {
        int d = column - DIFFERENCES_AT;
        if (d < 0 || d >= differences.size() || !differences.get(d).shortened(row)) {
            return null;
        }
        return differences.get(d).values().get(row);
    }

    /** Header: the configuration columns, then one column per metric ({@code Pixel AUROC %}). */
    public List<String> header() {
        List<String> out = configurationColumns();
        metrics.forEach(m -> out.add(m.displayName() + " %"));
        return out;
    }

    /** The value of {@code metricId} for run {@code row} as a fraction, NaN where absent. */
    public double value(int row, String metricId) {
        Double v = values.get(row).get(metricId);
        return v == null ? Double.NaN : v;
    }

    /**
     * The standard deviation over seeds of {@code metricId} in row {@code row} of {@link #overSeeds}, as a
     * fraction; NaN for rows of one run or one seed.
     */
    public double spread(int row, String metricId) {
        Double v = spreads.get(row).get(metricId);
        return v == null ? Double.NaN : v;
    }

    /** Rows of text cells, metrics as {@link Percent} writes them; a spread over seeds as {@code 96.49 ± 1.20}. */
    public List<List<String>> rows() {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<String> row = new ArrayList<>(configuration.get(i));
            for (RunMetrics.Metric m : metrics) {
                double spread = spread(i, m.id());
                row.add(Percent.of(value(i, m.id())) + (Double.isNaN(spread) ? "" : " ± " + Percent.of(spread)));
            }
            out.add(row);
        }
        return out;
    }

    /** The row index with the best value of {@code metricId}, -1 when no run has it. */
    public int best(String metricId) {
        RunMetrics.Metric metric = metrics.stream().filter(m -> m.id().equals(metricId)).findFirst().orElse(null);
        if (metric == null) {
            return -1;
        }
        double[] column = new double[runs.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value(i, metricId);
        }
        return best(column, metric.higherIsBetter());
    }

    /** Index of the best non-NaN value, -1 when there is none; a tie goes to the first. */
    public static int best(double[] values, boolean higherIsBetter) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && (best < 0
                    || (higherIsBetter ? values[i] > values[best] : values[i] < values[best]))) {
                best = i;
            }
        }
        return best;
    }

    /** RFC 4180 CSV with a header line. */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        csvLine(out, header());
        rows().forEach(r -> csvLine(out, r));
        return out.toString();
    }

    /** A GitHub-flavoured Markdown table; the best value of each metric is bold. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        List<String> header = header();
        out.append("| ").append(String.join(" | ", header.stream().map(RunComparison::markdownCell).toList()))
                .append(" |\n|");
        int first = configurationColumns().size();
        for (int c = 0; c < header.size(); c++) {
            out.append(c < first ? "---|" : "---:|");
        }
        out.append('\n');
        List<List<String>> rows = rows();
        int[] best = metrics.stream().mapToInt(m -> best(m.id())).toArray();
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = new ArrayList<>(rows.get(i).stream().map(RunComparison::markdownCell).toList());
            for (int m = 0; m < metrics.size(); m++) {
                if (best[m] == i) {
                    int c = first + m;
                    cells.set(c, "**" + cells.get(c) + "**");
                }
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|");
    }

    /** Appends one CSV line (RFC 4180: quoted where needed, CRLF): how every CSV table here is written. */
    public static void csvLine(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n");
            out.append(i == 0 ? "" : ",").append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        out.append("\r\n");
    }
}
