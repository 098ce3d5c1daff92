package com.example.dhad.tinyunet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;

import org.dhad.api.training.FreezePolicy;
import org.dhad.api.training.ParameterGroup;
import org.junit.jupiter.api.Test;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Parameter groups and freezing, which need no engine: the parameters exist (without values) as soon as
 * the blocks are built. Forward passes run in the product (releng/scripts/examples-test.sh trains one).
 */
class TinyUnetNetworkTest {

    private final TinyUnetNetwork network = new TinyUnetNetwork(8, 4);

    @Test
    void everyParameterBelongsToTheGroupOfItsStage() {
        Map<ParameterGroup, Integer> counts = new EnumMap<>(ParameterGroup.class);
        for (Pair<String, Parameter> entry : network.block().getParameters()) {
            counts.merge(network.groupOf(entry.getKey()), 1, Integer::sum);
        }
        // A normalised stage: 2 bias-free convolutions + 2 norms of gamma and beta = 6; the last decoder
        // stage has one norm less (4); a head: a norm (2) and a convolution with bias (2).
        assertEquals(Map.of(ParameterGroup.BACKBONE, 12, ParameterGroup.CONTEXT, 6, ParameterGroup.CLASS_HEAD, 10,
                ParameterGroup.CLASS_HEAD_FINAL, 4, ParameterGroup.OUTLIER_HEAD_FINAL, 4), counts);
        assertEquals(ParameterGroup.CONTEXT, network.groupOf("bottleneck_01Conv2d_weight"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> network.groupOf("aspp_01Conv2d_weight"));
        assertTrue(unknown.getMessage().contains("aspp_01Conv2d_weight"), unknown.getMessage());
    }

    @Test
    void freezeAllLeavesOnlyTheFinalHeadsTrainable() {
        network.freeze(FreezePolicy.ALL.frozenGroups());
        for (Pair<String, Parameter> entry : network.block().getParameters()) {
            ParameterGroup group = network.groupOf(entry.getKey());
            assertEquals(FreezePolicy.ALL.trains(group), entry.getValue().requiresGradient(), entry.getKey());
        }
        network.freeze(FreezePolicy.NONE.frozenGroups());
        for (Pair<String, Parameter> entry : network.block().getParameters()) {
            assertTrue(entry.getValue().requiresGradient(), entry.getKey());
        }
        assertFalse(FreezePolicy.ALL.trains(ParameterGroup.BACKBONE));
    }
}
