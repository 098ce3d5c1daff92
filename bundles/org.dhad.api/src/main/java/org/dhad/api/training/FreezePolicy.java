package org.dhad.api.training;

import java.util.EnumSet;
import java.util.Set;

/** Which parameter groups stay fixed during training (the paper's second contribution). */
public enum FreezePolicy {
    /** Everything frozen except the final BN-ReLU-Conv of both heads (the paper's best result). */
    ALL(EnumSet.of(ParameterGroup.BACKBONE, ParameterGroup.CONTEXT, ParameterGroup.CLASS_HEAD)),
    /** The backbone frozen; context module and heads train. */
    BACKBONE(EnumSet.of(ParameterGroup.BACKBONE)),
    /** Every layer trains. */
    NONE(EnumSet.noneOf(ParameterGroup.class));

    private final EnumSet<ParameterGroup> frozen;

    FreezePolicy(EnumSet<ParameterGroup> frozen) {
        this.frozen = frozen;
    }

    /** The groups this policy freezes. */
    public Set<ParameterGroup> frozenGroups() {
        return EnumSet.copyOf(frozen);
    }

    /** Whether parameters of {@code group} train under this policy. */
    public boolean trains(ParameterGroup group) {
        return !frozen.contains(group);
    }
}
