package org.dhad.metrics.internal;

import java.util.List;
import java.util.Map;

import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * AUPRO: area under the per-region-overlap curve for FPR in [0, {@value #FPR_LIMIT}], divided by the
 * limit (see {@link ProOverlap}). The limit is this component's property {@value #FPR_LIMIT}
 * (default 0.3), settable through Configuration Admin under this class's name as PID, because
 * {@link Metric#compute} takes no settings. NaN with a note when the category has no anomalous
 * region or no normal pixel.
 */
@Component(service = Metric.class, property = {Provider.ID_PROPERTY + "=" + PixelAupro.ID,
        PixelAupro.FPR_LIMIT + ":Double=" + PixelAupro.DEFAULT_LIMIT})
public final class PixelAupro extends RankingMetric {

    static final String ID = "pixel-aupro";
    static final String FPR_LIMIT = "fpr-limit";
    static final String DEFAULT_LIMIT = "0.3";

    private static final List<SettingDescriptor> SETTINGS = List.of(SettingDescriptor.decimal(FPR_LIMIT,
            "FPR limit", Double.valueOf(DEFAULT_LIMIT), 0.001, 1.0,
            "Largest false-positive rate integrated over; the area is divided by it."));

    private final double limit;

    /**
     * @param properties component properties; {@value #FPR_LIMIT} must be a number in [0.001, 1]
     * @throws org.dhad.api.InvalidSettingException naming the value when it is not
     */
    @Activate
    public PixelAupro(Map<String, Object> properties) {
        Object value = properties.get(FPR_LIMIT);
        Map<String, String> given = value == null ? Map.of() : Map.of(FPR_LIMIT, String.valueOf(value));
        this.limit = new Settings(ID, SETTINGS, given).getDouble(FPR_LIMIT);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Pixel AUPRO";
    }

    @Override
    public String description() {
        return "Area under the per-region-overlap curve up to a false-positive-rate limit (default 0.3), divided "
                + "by the limit; every connected defect region weighs the same, whatever its size.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /** The FPR limit in use. */
    double limit() {
        return limit;
    }

    @Override
    MetricResult evaluate(EvaluationData data, ScoreRanking ranking) {
        ProOverlap pro = ProOverlap.compute(data.maps(), ranking, limit);
        return MetricResult.of(ID, pro.value(), pro.curve());
    }
}
