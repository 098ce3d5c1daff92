/**
 * The {@code tiny-unet} backbone: a small U-Net-like encoder-decoder with DenseHybridAD's two heads,
 * for quick experiments and as an example of a third-party backbone. Nothing here is exported.
 */
package com.example.dhad.tinyunet.internal;
