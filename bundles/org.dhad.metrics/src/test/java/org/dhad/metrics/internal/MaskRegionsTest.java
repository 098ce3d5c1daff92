package org.dhad.metrics.internal;

import static org.dhad.metrics.internal.ScoreMaps.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dhad.api.data.Mask;
import org.dhad.api.data.MaskRegions;
import org.junit.jupiter.api.Test;

/** 8-connectivity: diagonal neighbours join, a one-pixel gap separates. */
class MaskRegionsTest {

    @Test
    void diagonalPixelsFormOneRegionGapsSeparate() {
        Mask mask = new Mask(5, 4, bytes(
                1, 0, 0, 0, 1,
                0, 1, 0, 0, 1,
                0, 0, 1, 0, 0,
                1, 0, 0, 0, 1));
        List<int[]> regions = new ArrayList<>();
        new MaskRegions().forEach(mask, (pixels, size) -> {
            int[] region = Arrays.copyOf(pixels, size);
            Arrays.sort(region);
            regions.add(region);
        });
        assertEquals(4, regions.size(), "regions");
        assertEquals(List.of("[0, 6, 12]", "[4, 9]", "[15]", "[19]"),
                regions.stream().map(Arrays::toString).toList(), "pixels per region, first pixel order");
    }

    @Test
    void buffersAreResetBetweenMasks() {
        MaskRegions labeller = new MaskRegions();
        int[] counts = new int[2];
        Mask full = new Mask(3, 3, bytes(1, 1, 1, 1, 1, 1, 1, 1, 1));
        labeller.forEach(full, (p, size) -> counts[0] += size);
        labeller.forEach(full, (p, size) -> counts[1] += size);
        assertEquals(9, counts[0], "first pass");
        assertEquals(9, counts[1], "second pass over the same buffers");
    }
}
