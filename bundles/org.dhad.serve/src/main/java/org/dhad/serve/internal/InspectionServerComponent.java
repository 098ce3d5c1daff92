package org.dhad.serve.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dhad.engine.EngineException;
import org.dhad.engine.EvaluationService;
import org.dhad.engine.Inspector;
import org.dhad.engine.RunListener;
import org.dhad.serve.InspectionServer;
import org.dhad.serve.ServeException;
import org.dhad.serve.ServeSettings;
import org.dhad.serve.Serving;
import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link InspectionServer}: opens the runs, starts a Jetty server through Equinox's {@link JettyConfigurator}
 * (the HTTP Whiteboard runtime of {@code org.eclipse.equinox.http.servlet}), and registers {@link ServedModels},
 * which satisfies the whiteboard servlets. The port Jetty bound is read from its runtime's service properties.
 */
@Component(service = InspectionServer.class)
public final class InspectionServerComponent implements InspectionServer {

    private static final Logger LOG = LoggerFactory.getLogger(InspectionServerComponent.class);
    private static final long START_WAIT_MS = TimeUnit.SECONDS.toMillis(30);
    /** The servlets a started service must show in the runtime before it is reported up. */
    private static final List<String> PATTERNS = List.of("/v1/inspect", "/v1/models", "/health", "/");

    private final BundleContext context;
    private final EvaluationService evaluation;
    private final Map<HttpServiceRuntime, Map<String, Object>> runtimes = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();

    @Activate
    public InspectionServerComponent(BundleContext context, @Reference EvaluationService evaluation) {
        this.context = context;
        this.evaluation = evaluation;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        runtimes.put(runtime, properties);
    }

    void removeRuntime(HttpServiceRuntime runtime) {
        runtimes.remove(runtime);
    }

    @Override
    public Serving start(ServeSettings settings) throws ServeException {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new ServeException(String.join("; ", problems));
        }
        if (!running.compareAndSet(false, true)) {
            throw new ServeException("an inspection service already runs in this process");
        }
        List<ServedModel> models = new ArrayList<>();
        ScoringQueue queue = null;
        ServiceRegistration<ServedModels> registration = null;
        String id = "dhad-serve-" + Long.toHexString(System.nanoTime());
        boolean jetty = false;
        try {
            for (Map.Entry<String, Path> model : settings.models().entrySet()) {
                models.add(new ServedModel(model.getKey(), open(model.getValue(), settings)));
            }
            queue = new ScoringQueue(settings.queue(), settings.batch());
            startJetty(id, settings);
            jetty = true;
            int port = awaitPort(id);
            registration = context.registerService(ServedModels.class, new ServedModels(models, settings, queue),
                    null);
            awaitServlets(id);
            URI address = URI.create("http://" + host(settings.bind()) + ":" + port + "/");
            return new RunningService(address, settings.models(), id, registration, queue, models);
        } catch (ServeException | RuntimeException e) {
            stop(id, jetty, registration, queue, models);
            throw e;
        }
    }

    private Inspector open(Path run, ServeSettings settings) throws ServeException {
        try {
            return evaluation.inspector(run, settings.threshold(), new RunListener() {
                @Override
                public void onMessage(String message) {
                    LOG.warn("{}", message);
                }
            });
        } catch (EngineException e) {
            throw new ServeException(e.getMessage(), e);
        }
    }

    private static void startJetty(String id, ServeSettings settings) throws ServeException {
        Dictionary<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_PORT, settings.port());
        jetty.put(JettyConstants.HTTP_HOST, settings.bind());
        jetty.put(JettyConstants.OTHER_INFO, id);
        try {
            JettyConfigurator.startServer(id, jetty);
        } catch (Exception e) {
            // the innermost cause says it plainly ("Address already in use"); the outer ones repeat the server's id
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new ServeException("cannot serve on " + settings.bind() + ":" + settings.port() + ": "
                    + cause.getMessage(), e);
        }
    }

    /** The port the runtime of server {@code id} bound, from its service properties. */
    private int awaitPort(String id) throws ServeException {
        long deadline = System.currentTimeMillis() + START_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (Map<String, Object> properties : runtimes.values()) {
                if (id.equals(properties.get(JettyConstants.OTHER_INFO))) {
                    Object port = properties.get(JettyConstants.HTTP_PORT);
                    if (port != null) {
                        return Integer.parseInt(port.toString());
                    }
                }
            }
            pause();
        }
        throw new ServeException("the HTTP runtime of Jetty did not appear within " + START_WAIT_MS / 1000 + " s");
    }

    /** Waits until the runtime of server {@code id} lists every servlet of the service. */
    private void awaitServlets(String id) throws ServeException {
        long deadline = System.currentTimeMillis() + START_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (Map.Entry<HttpServiceRuntime, Map<String, Object>> runtime : runtimes.entrySet()) {
                if (id.equals(runtime.getValue().get(JettyConstants.OTHER_INFO))
                        && patterns(runtime.getKey()).containsAll(PATTERNS)) {
                    return;
                }
            }
            pause();
        }
        throw new ServeException("the servlets were not registered with the HTTP runtime within "
                + START_WAIT_MS / 1000 + " s");
    }

    private static List<String> patterns(HttpServiceRuntime runtime) {
        List<String> patterns = new ArrayList<>();
        for (ServletContextDTO servletContext : runtime.getRuntimeDTO().servletContextDTOs) {
            for (ServletDTO servlet : servletContext.servletDTOs) {
                patterns.addAll(Arrays.asList(servlet.patterns));
            }
        }
        return patterns;
    }

    private static void pause() throws ServeException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServeException("interrupted while starting");
        }
    }

    /** The host of the address clients use: a wildcard bind is reached on loopback. */
    private static String host(String bind) {
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private void stop(String id, boolean jetty, ServiceRegistration<ServedModels> registration, ScoringQueue queue,
            List<ServedModel> models) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle (the framework stopping first on SIGTERM)
            }
        }
        if (jetty) {
            try {
                JettyConfigurator.stopServer(id);
            } catch (Exception e) {
                LOG.warn("Stopping Jetty server '{}' failed", id, e);
            }
        }
        if (queue != null) {
            queue.close();
        }
        models.forEach(m -> m.inspector().close());
        running.set(false);
    }

    /** A started service; closing it undoes {@link #start} in reverse. */
    private final class RunningService implements Serving {

        private final URI address;
        private final Map<String, Path> models;
        private final String id;
        private final ServiceRegistration<ServedModels> registration;
        private final ScoringQueue queue;
        private final List<ServedModel> served;
        private final AtomicBoolean closed = new AtomicBoolean();

        RunningService(URI address, Map<String, Path> models, String id,
                ServiceRegistration<ServedModels> registration, ScoringQueue queue, List<ServedModel> served) {
            this.address = address;
            this.models = models;
            this.id = id;
            this.registration = registration;
            this.queue = queue;
            this.served = served;
        }

        @Override
        public URI address() {
            return address;
        }

        @Override
        public Map<String, Path> models() {
            return models;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                stop(id, true, registration, queue, served);
            }
        }
    }
}
