package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dhad.api.Provider;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.api.training.FreezePolicy;
import org.dhad.engine.DeviceService;
import org.dhad.engine.EvaluationService;
import org.dhad.experiment.LossPreset;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.dhad.engine.TrainingService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** The engine services from the running framework, with the in-test providers registered. */
final class EngineServices implements AutoCloseable {

    private final BundleContext context = FrameworkUtil.getBundle(EngineServices.class).getBundleContext();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    final TrainingService training;
    final EvaluationService evaluation;
    final DeviceService devices;
    final PluginRegistry registry;

    EngineServices() throws InterruptedException {
        register(AnomalyDataset.class, new TestShapes.Dataset(), TestShapes.DATASET_ID);
        register(NegativeSource.class, new TestShapes.Negatives(), TestShapes.NEGATIVES_ID);
        training = await(TrainingService.class);
        evaluation = await(EvaluationService.class);
        devices = await(DeviceService.class);
        registry = await(PluginRegistry.class);
    }

    /** Registers a provider under its id, unregistered on {@link #close()}. */
    <T> void register(Class<T> type, T provider, String id) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Provider.ID_PROPERTY, id);
        registrations.add(context.registerService(type, provider, properties));
    }

    /** The registered service of {@code type}, waiting for it to appear. */
    <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(90));
        assertNotNull(service, type.getSimpleName() + " not registered within 90 s (engine, registry or providers "
                + "missing from the test runtime?)");
        return service;
    }

    /** A tiny experiment on the in-test data: ResNet-18 at width 0.125, 32 px, 4 steps per epoch. */
    static ExperimentSpec tiny(String name, int epochs, Map<String, Double> loss) {
        return new ExperimentSpec(name,
                new PluginChoice("deeplabv3",
                        Map.of("depth", "18", "width", "0.125", "output-stride", "16", "classes", "4")),
                null, PluginChoice.of(TestShapes.DATASET_ID), List.of(), PluginChoice.of(TestShapes.NEGATIVES_ID),
                PasteSpec.of(Map.of(PasteSpec.MODE, PasteMode.MASK, PasteSpec.COUNT, 1, PasteSpec.PROBABILITY, 1.0,
                        PasteSpec.MIN_SCALE, 0.2, PasteSpec.MAX_SCALE, 0.5,
                        PasteSpec.RECTANGLE_STEP, 16)), loss, FreezePolicy.NONE,
                Schedule.of(Map.of(Schedule.EPOCHS, epochs, Schedule.BATCH_SIZE, 4, Schedule.INPUT_SIZE, 32,
                        Schedule.LEARNING_RATE, 1e-3, Schedule.BACKBONE_LR_FACTOR, 0.5,
                        Schedule.MIN_LEARNING_RATE, 1e-5,
                        Schedule.LOADER_THREADS, 2)), 3L, List.of("pixel-auroc", "pixel-ap"),
                ScoreKind.HYBRID);
    }

    /** The paper's three terms, in a map a test may add to. */
    static Map<String, Double> paperLoss() {
        return new java.util.LinkedHashMap<>(LossPreset.PAPER.weights());
    }

    @Override
    public void close() {
        registrations.forEach(ServiceRegistration::unregister);
        trackers.forEach(ServiceTracker::close);
    }
}
