/**
 * The HTML report of one or more runs: one self-contained file (inline style, SVG charts, base64 images) with
 * the paper's Table I comparison, per-category tables, training and metric charts and a heat-map gallery,
 * readable offline and fit to attach to an e-mail or an issue.
 */
package org.dhad.report;
