/**
 * The segmentation network extension point: a network with class logits (read as an unnormalised
 * log-density) and an outlier-posterior head, plus the parameter groups that freeze policies act on.
 */
package org.dhad.api.backbone;
