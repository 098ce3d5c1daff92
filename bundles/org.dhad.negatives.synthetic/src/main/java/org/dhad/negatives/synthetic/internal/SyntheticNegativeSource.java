package org.dhad.negatives.synthetic.internal;

import java.util.List;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.data.DataException;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.osgi.service.component.annotations.Component;

/**
 * Built-in negatives that need no files: polygons, ellipses, stars, blobs and rings filled with gradients,
 * stripes, checkerboards, colourful noise or plasma, at exposures from nearly black to full brightness. Lets
 * a demo train offline.
 */
@Component(service = NegativeSource.class, property = Provider.ID_PROPERTY + "=" + SyntheticNegativeSource.ID)
public final class SyntheticNegativeSource implements NegativeSource {

    static final String ID = "synthetic";
    static final String MIN_SIZE = "min-size";
    static final String MAX_SIZE = "max-size";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Synthetic shapes";
    }

    @Override
    public String description() {
        return "Random geometric shapes with colourful gradient, stripe, checkerboard, noise and plasma fills, "
                + "from nearly black to bright; needs no files, for demos and quick checks.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.integer(MIN_SIZE, "Minimum side", 8, 2, 4096, "Smallest patch side in pixels."),
                SettingDescriptor.integer(MAX_SIZE, "Maximum side", 48, 2, 4096, "Largest patch side in pixels."));
    }

    @Override
    public NegativeSampler open(Settings settings) throws DataException {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new DataException(String.join("; ", problems));
        }
        try {
            int min = settings.getInt(MIN_SIZE);
            int max = settings.getInt(MAX_SIZE);
            if (min > max) {
                throw new DataException(ID + ": setting '" + MIN_SIZE + "' (" + min + ") is larger than '" + MAX_SIZE
                        + "' (" + max + "); expected " + MIN_SIZE + " <= " + MAX_SIZE);
            }
            return new ShapeSampler(min, max);
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }
}
