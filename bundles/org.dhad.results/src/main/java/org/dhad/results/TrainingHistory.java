package org.dhad.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The per-step log of a run ({@code train-log.csv}): each loss term, their weighted total, the learning rate,
 * throughput and data wait, indexed by global step. A resumed run appends to the same file, so steps are in
 * order but may repeat after a resume; plots use {@link #globalStep()} as the x axis.
 */
public final class TrainingHistory {

    /** The log's file name in a run folder. */
    public static final String FILE = "train-log.csv";

    private static final List<String> LEADING = List.of("epoch", "step", "global_step");
    private static final List<String> TRAILING = List.of("total", "lr", "images_per_s", "data_wait_ms");

    private final List<String> termIds;
    private final int size;
    private final int[] epoch;
    private final long[] globalStep;
    private final double[][] terms;
    private final double[] total;
    private final double[] learningRate;
    private final double[] imagesPerSecond;
    private final double[] dataWaitMillis;

    private TrainingHistory(List<String> termIds, int size, int[] epoch, long[] globalStep, double[][] terms,
            double[] total, double[] learningRate, double[] imagesPerSecond, double[] dataWaitMillis) {
        this.termIds = List.copyOf(termIds);
        this.size = size;
        this.epoch = epoch;
        this.globalStep = globalStep;
        this.terms = terms;
        this.total = total;
        this.learningRate = learningRate;
        this.imagesPerSecond = imagesPerSecond;
        this.dataWaitMillis = dataWaitMillis;
    }

    /** An empty history (a run that has not logged a step). */
    public static TrainingHistory empty() {
        return new TrainingHistory(List.of(), 0, new int[0], new long[0], new double[0][], new double[0],
                new double[0], new double[0], new double[0]);
    }

    /**
     * Reads {@code file}; a missing file is an empty history. A last line without its newline (a step being
     * written while we read) is left out rather than reported.
     */
    public static TrainingHistory read(Path file) throws ResultsException {
        List<String> lines;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        }
        int complete = text.lastIndexOf('\n');
        if (complete < 0) {
            return empty();
        }
        try (BufferedReader in = new BufferedReader(new java.io.StringReader(text.substring(0, complete + 1)))) {
            lines = in.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new ResultsException(file, e.getMessage(), e);
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int termCount = header.size() - LEADING.size() - TRAILING.size();
        if (termCount < 0 || !header.subList(0, LEADING.size()).equals(LEADING)
                || !header.subList(header.size() - TRAILING.size(), header.size()).equals(TRAILING)) {
            throw new ResultsException(file + ": header '" + lines.get(0) + "' is not a training log; expected "
                    + String.join(",", LEADING) + ",<loss terms>," + String.join(",", TRAILING));
        }
        int n = lines.size() - 1;
        int[] epoch = new int[n];
        long[] globalStep = new long[n];
        double[][] terms = new double[termCount][n];
        double[] total = new double[n];
        double[] lr = new double[n];
        double[] ips = new double[n];
        double[] wait = new double[n];
        for (int row = 0; row < n; row++) {
            String[] cells = lines.get(row + 1).split(",");
            if (cells.length != header.size()) {
                throw new ResultsException(file + ": line " + (row + 2) + " has " + cells.length
                        + " values; expected " + header.size() + " as in the header");
            }
            try {
                epoch[row] = Integer.parseInt(cells[0]);
                globalStep[row] = Long.parseLong(cells[2]);
                for (int t = 0; t < termCount; t++) {
                    // logged with Float.toString: parsed as float they are the exact values trained with
                    terms[t][row] = Float.parseFloat(cells[LEADING.size() + t]);
                }
                int k = LEADING.size() + termCount;
                total[row] = Float.parseFloat(cells[k]);
                lr[row] = Double.parseDouble(cells[k + 1]);
                ips[row] = Double.parseDouble(cells[k + 2]);
                wait[row] = Double.parseDouble(cells[k + 3]);
            } catch (NumberFormatException e) {
                throw new ResultsException(file + ": line " + (row + 2) + " holds '" + e.getMessage()
                        .replace("For input string: ", "") + "' where a number was expected");
            }
        }
        return new TrainingHistory(header.subList(LEADING.size(), LEADING.size() + termCount), n, epoch, globalStep,
                terms, total, lr, ips, wait);
    }

    /** Loss term ids, in the experiment's order. */
    public List<String> termIds() {
        return termIds;
    }

    /** Logged steps. */
    public int size() {
        return size;
    }

    /** 1-based epoch of each step. */
    public int[] epoch() {
        return epoch.clone();
    }

    public long[] globalStep() {
        return globalStep.clone();
    }

    /** Unweighted value of the term {@code termId} at each step. */
    public double[] term(String termId) {
        int index = termIds.indexOf(termId);
        if (index < 0) {
            throw new IllegalArgumentException("No loss term '" + termId + "' in this log; it has " + termIds);
        }
        return terms[index].clone();
    }

    /** Weighted total loss at each step. */
    public double[] total() {
        return total.clone();
    }

    public double[] learningRate() {
        return learningRate.clone();
    }

    public double[] imagesPerSecond() {
        return imagesPerSecond.clone();
    }

    public double[] dataWaitMillis() {
        return dataWaitMillis.clone();
    }

    /** The last logged epoch, 0 when nothing is logged. */
    public int lastEpoch() {
        return size == 0 ? 0 : epoch[size - 1];
    }
}
