/**
 * The built-in synthetic anomaly dataset: procedural textures and objects rendered on demand from
 * (seed, category, split, index), with defects whose masks are exactly the pixels they change. Not
 * exported: the component is reached as an {@link org.dhad.api.data.AnomalyDataset} service.
 */
package org.dhad.data.synthetic.internal;
