/**
 * The segmentation network extension point: a network with class logits (read as an unnormalised
 * log-density) and an outlier-posterior head. The parameter groups that freeze policies act on are plain
 * enums in {@code org.dhad.api.training} (bundle {@code org.dhad.api}).
 */
package org.dhad.api.backbone;
