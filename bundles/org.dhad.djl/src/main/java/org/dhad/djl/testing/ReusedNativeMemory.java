package org.dhad.djl.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests of code on the training path (loss terms, network blocks): makes freed Java direct memory
 * come back filled with NaN. Run it between a forward pass and its backward pass; the gradients must
 * equal those of an undisturbed pass bit for bit.
 * <p>
 * Why: DJL's arithmetic with a Java number ({@code x.div(2)}, {@code x.mul(0.5f)}, {@code x.maximum(0)})
 * builds the number as a tensor over a Java direct buffer and frees that buffer on return, while
 * autograd may keep the tensor for the backward pass. The backward pass then reads whatever reuses that
 * memory: gradients that differ from process to process and sometimes NaN. This class forces the
 * reuse: it collects garbage until the cleaners of unreachable direct buffers have freed their memory,
 * then allocates many small direct buffers, which malloc serves from the chunks just freed, and fills
 * them with NaN bytes.
 */
public final class ReusedNativeMemory implements Runnable {

    private static final int BUFFERS = 20_000;
    private static final int MAX_BYTES = 64;
    private static final int COLLECTIONS = 3;
    private static final long CLEANER_WAIT_MILLIS = 30;

    /** Kept reachable until {@link #release()}, so the memory stays NaN-filled through the backward pass. */
    private final List<ByteBuffer> held = new ArrayList<>(BUFFERS);

    @Override
    public void run() {
        for (int round = 0; round < COLLECTIONS; round++) {
            System.gc();
            try {
                // cleaners free direct memory on their own thread, after the collection
                Thread.sleep(CLEANER_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (int i = 0; i < BUFFERS; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 + i % MAX_BYTES);
            while (buffer.hasRemaining()) {
                buffer.put((byte) 0xFF); // all ones: NaN as a float and as a double
            }
            held.add(buffer);
        }
    }

    /** Lets the NaN-filled buffers go. */
    public void release() {
        held.clear();
    }
}
