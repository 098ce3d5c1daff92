package org.dhad.ui.results.internal;

import java.util.Locale;
import java.util.function.DoubleConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Text;

/**
 * The score threshold: a slider over the shown images' score range and the value as text, which can be typed
 * (Enter applies it, and values outside the range are allowed). Slider moves are debounced by
 * {@value #DEBOUNCE_MS} ms, so dragging redraws when the hand rests rather than for every pixel moved, and at
 * most every {@value #LIVE_MS} ms while it keeps moving.
 */
final class ThresholdBar {

    static final int DEBOUNCE_MS = 60;
    /** During a long drag the images still follow at least this often. */
    static final int LIVE_MS = 250;
    private static final int STEPS = 1000;

    private final Composite row;
    private final Scale scale;
    private final Text text;
    private final Label range;
    private final Runnable debounced;
    private double low;
    private double high = 1;
    private double value = Double.NaN;
    private long lastFired;

    ThresholdBar(Composite parent, DoubleConsumer onChange) {
        row = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        row.setLayout(layout);
        new Label(row, SWT.NONE).setText("Threshold:");
        scale = new Scale(row, SWT.HORIZONTAL);
        scale.setMinimum(0);
        scale.setMaximum(STEPS);
        scale.setPageIncrement(STEPS / 20);
        scale.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        scale.setToolTipText("Pixels scoring at least the threshold are tinted red; the ground truth is outlined "
                + "in green");
        text = new Text(row, SWT.BORDER | SWT.RIGHT);
        GridData textData = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        textData.widthHint = 80;
        text.setLayoutData(textData);
        text.setToolTipText("Type a score and press Enter");
        range = new Label(row, SWT.NONE);
        debounced = () -> {
            if (!row.isDisposed()) {
                lastFired = System.nanoTime();
                onChange.accept(value);
            }
        };
        scale.addListener(SWT.Selection, e -> {
            value = low + (high - low) * scale.getSelection() / STEPS;
            text.setText(format(value));
            boolean live = System.nanoTime() - lastFired > LIVE_MS * 1_000_000L;
            row.getDisplay().timerExec(live ? 0 : DEBOUNCE_MS, debounced);
        });
        text.addListener(SWT.DefaultSelection, e -> {
            String typed = text.getText().trim();
            try {
                double v = Double.parseDouble(typed);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                set(v);
                onChange.accept(v);
            } catch (NumberFormatException ex) {
                range.setText("'" + typed + "' is not a number; expected a score, e.g. " + format(low) + " to "
                        + format(high));
                row.layout();
            }
        });
    }

    Composite control() {
        return row;
    }

    /** The score range of the images shown; the value is kept if inside, else set to the middle. */
    void setRange(double newLow, double newHigh) {
        low = newLow;
        high = newHigh > newLow ? newHigh : newLow + 1;
        range.setText("scores " + format(low) + " to " + format(high));
        set(Double.isNaN(value) || value < low || value > high ? (low + high) / 2 : value);
        row.layout();
    }

    /** Shows {@code v} without notifying (the caller redraws). */
    void set(double v) {
        value = v;
        text.setText(format(v));
        scale.setSelection((int) Math.round(STEPS * Math.max(0, Math.min(1, (v - low) / (high - low)))));
    }

    double value() {
        return value;
    }

    void setEnabled(boolean enabled, String why) {
        scale.setEnabled(enabled);
        text.setEnabled(enabled);
        if (!enabled) {
            range.setText(why);
            row.layout();
        }
    }

    static String format(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.1f" : "%.3f", v);
    }

    /** Test hook: moves the slider to {@code selection} of {@value #STEPS} as a drag would. */
    void drag(int selection) {
        scale.setSelection(selection);
        scale.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    Text text() {
        return text;
    }
}
