package org.dhad.losses.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.dhad.api.Provider;
import org.dhad.api.loss.LossTerm;
import org.dhad.djl.TorchRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for the started engine and for loss-term services by id, as the tests' entry to the DS components. */
final class LossTermServices implements AutoCloseable {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(60);

    private final BundleContext context = FrameworkUtil.getBundle(LossTermServices.class).getBundleContext();
    private final ServiceTracker<TorchRuntime, TorchRuntime> runtimeTracker;
    private final TorchRuntime runtime;
    private final List<ServiceTracker<LossTerm, LossTerm>> termTrackers = new ArrayList<>();

    LossTermServices() throws InterruptedException {
        runtimeTracker = new ServiceTracker<>(context, TorchRuntime.class, null);
        runtimeTracker.open();
        runtime = runtimeTracker.waitForService(TIMEOUT_MS);
        assertNotNull(runtime, "TorchRuntime service not registered within " + TIMEOUT_MS + " ms: the engine did not start");
    }

    TorchRuntime runtime() {
        return runtime;
    }

    BundleContext context() {
        return context;
    }

    /** The LossTerm service registered with {@code id=<id>}, waiting for it. */
    LossTerm term(String id) throws InterruptedException, InvalidSyntaxException {
        String filter = "(&(objectClass=" + LossTerm.class.getName() + ")(" + Provider.ID_PROPERTY + "=" + id + "))";
        ServiceTracker<LossTerm, LossTerm> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open();
        // kept open until close(): the tracker's use of the service keeps the delayed component active
        termTrackers.add(tracker);
        LossTerm term = tracker.waitForService(TIMEOUT_MS);
        assertNotNull(term, "no LossTerm service with " + filter + " within " + TIMEOUT_MS + " ms");
        return term;
    }

    @Override
    public void close() {
        termTrackers.forEach(ServiceTracker::close);
        runtimeTracker.close();
    }

    /** A batch with N=2, C=3, H=W=2, logits in [-3, 3], both pixel kinds and one ignored class label per image. */
    static Batch mixedBatch(long seed) {
        Random random = new Random(seed);
        int n = 2;
        int c = 3;
        int h = 2;
        int w = 2;
        double[] classLogits = new double[n * c * h * w];
        for (int i = 0; i < classLogits.length; i++) {
            classLogits[i] = random.nextDouble() * 6 - 3;
        }
        double[] outlierLogits = new double[n * h * w];
        for (int i = 0; i < outlierLogits.length; i++) {
            outlierLogits[i] = random.nextDouble() * 6 - 3;
        }
        float[] outlierLabels = {0, 1, 0, 0, 1, 1, 0, 1};
        long[] classLabels = {2, -1, 0, 1, 1, 0, -1, 2};
        return new Batch(n, c, h, w, classLogits, outlierLogits, outlierLabels, classLabels);
    }
}
