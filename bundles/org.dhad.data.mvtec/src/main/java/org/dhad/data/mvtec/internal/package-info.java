/**
 * Anomaly datasets read from files: MVTec AD (with MVTec 3D-AD RGB and MVTec LOCO detected per
 * category), VisA's split file, and a user's own folders of normal and abnormal images. Not exported:
 * the components are reached as {@link org.dhad.api.data.AnomalyDataset} services.
 */
package org.dhad.data.mvtec.internal;
