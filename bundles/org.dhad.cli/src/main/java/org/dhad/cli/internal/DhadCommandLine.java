package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.dhad.api.registry.PluginInstaller;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EvaluationService;
import org.dhad.engine.MapEvaluationService;
import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentModel;
import org.dhad.serve.InspectionServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * Builds the picocli command tree with the services each command needs and runs one invocation.
 * The engine is an optional reference so that {@code dhad doctor} can still report when it failed to start.
 */
@Component(service = CommandLine.class)
public final class DhadCommandLine implements CommandLine {

    private static final long ENGINE_WAIT_MS = TimeUnit.SECONDS.toMillis(30);

    private final PluginRegistry registry;
    private final PluginInstaller installer;
    private final ExperimentModel model;
    private volatile TrainingService training;
    private volatile EvaluationService evaluation;
    private volatile MapEvaluationService mapEvaluation;
    private final Object engineLock = new Object();
    private volatile TorchRuntime torch;
    private volatile InspectionServer inspection;

    /** The root command: only help, version and the subcommands. */
    @Command(name = "dhad", mixinStandardHelpOptions = true, version = "dhad 0.1.0 (DenseHybridAD Workbench)",
            description = "Train and evaluate DenseHybridAD, a dense anomaly detector for industrial images.",
            subcommands = picocli.CommandLine.HelpCommand.class)
    static final class Root implements Runnable {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command");
        }
    }

    @Activate
    public DhadCommandLine(@Reference PluginRegistry registry, @Reference PluginInstaller installer,
            @Reference ExperimentModel model) {
        this.registry = registry;
        this.installer = installer;
        this.model = model;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTorch(TorchRuntime runtime) {
        synchronized (engineLock) {
            torch = runtime;
            engineLock.notifyAll();
        }
    }

    // The engine services are optional so that dhad doctor still runs when libtorch fails to load.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTraining(TrainingService service) {
        training = service;
    }

    void unbindTraining(TrainingService service) {
        if (training == service) {
            training = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEvaluation(EvaluationService service) {
        evaluation = service;
    }

    void unbindEvaluation(EvaluationService service) {
        if (evaluation == service) {
            evaluation = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMapEvaluation(MapEvaluationService service) {
        synchronized (engineLock) {
            mapEvaluation = service;
            engineLock.notifyAll();
        }
    }

    void unbindMapEvaluation(MapEvaluationService service) {
        synchronized (engineLock) {
            if (mapEvaluation == service) {
                mapEvaluation = null;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindInspection(InspectionServer service) {
        synchronized (engineLock) {
            inspection = service;
            engineLock.notifyAll();
        }
    }

    void unbindInspection(InspectionServer service) {
        synchronized (engineLock) {
            if (inspection == service) {
                inspection = null;
            }
        }
    }

    /** The inspection service, which starts with the engine, waiting a while for it. */
    private InspectionServer inspection() {
        awaitTorch();
        InspectionServer service = awaitBound(() -> inspection);
        if (service == null) {
            throw new IllegalStateException("The inspection service is not running; run dhad doctor to see why");
        }
        return service;
    }

    /** The map evaluation service, which needs no PyTorch, waiting a while for the engine bundle to start it. */
    private MapEvaluationService mapEvaluation() {
        MapEvaluationService service = awaitBound(() -> mapEvaluation);
        if (service == null) {
            throw new IllegalStateException("The engine's map evaluation service is not running; run dhad doctor "
                    + "to see why");
        }
        return service;
    }

    /** The engine services, once the engine has started. */
    private RunCommands.Engine engine() {
        awaitTorch();
        TrainingService t = training;
        EvaluationService e = evaluation;
        if (t == null || e == null) {
            throw new IllegalStateException("The training engine is not running; run dhad doctor to see why");
        }
        return new RunCommands.Engine(model, t, e);
    }

    void unbindTorch(TorchRuntime runtime) {
        synchronized (engineLock) {
            if (torch == runtime) {
                torch = null;
            }
        }
    }

    /** The engine, waiting a while for it to start; {@code null} when it does not. */
    private TorchRuntime awaitTorch() {
        return awaitBound(() -> torch);
    }

    /** A service bound under {@code engineLock}, waiting a while for it; {@code null} when it does not come. */
    private <T> T awaitBound(Supplier<T> bound) {
        long deadline = System.currentTimeMillis() + ENGINE_WAIT_MS;
        synchronized (engineLock) {
            while (bound.get() == null && System.currentTimeMillis() < deadline) {
                try {
                    engineLock.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return bound.get();
        }
    }

    @Override
    public int run(String[] args, PrintWriter out, PrintWriter err) {
        picocli.CommandLine commandLine = new picocli.CommandLine(new Root());
        commandLine.addSubcommand("plugins", new picocli.CommandLine(new PluginsCommand(registry))
                .addSubcommand("install", new PluginFilesCommands.Install(installer))
                .addSubcommand("remove", new PluginFilesCommands.Remove(installer))
                .addSubcommand("installed", new PluginFilesCommands.Installed(installer)));
        commandLine.addSubcommand("doctor", new DoctorCommand(registry, this::awaitTorch, () -> training));
        commandLine.addSubcommand("datasets", new picocli.CommandLine(new DatasetsCommand())
                .addSubcommand("inspect", new DatasetsCommand.Inspect(registry)));
        commandLine.addSubcommand("experiments", new picocli.CommandLine(new ExperimentsCommand())
                .addSubcommand("presets", new ExperimentsCommand.Presets(model))
                .addSubcommand("fields", new ExperimentsCommand.Fields())
                .addSubcommand("new", new ExperimentsCommand.New(model, registry)));
        commandLine.addSubcommand("demo", new RunCommands.Demo(this::engine));
        commandLine.addSubcommand("train", new RunCommands.Train(this::engine));
        commandLine.addSubcommand("pretrain", new RunCommands.Pretrain(this::engine));
        commandLine.addSubcommand("resume", new RunCommands.Resume(this::engine));
        commandLine.addSubcommand("evaluate", new RunCommands.Evaluate(this::engine));
        commandLine.addSubcommand("evaluate-maps", new EvaluateMapsCommand(this::mapEvaluation));
        commandLine.addSubcommand("predict", new RunCommands.Predict(this::engine));
        commandLine.addSubcommand("serve", new ServeCommand(this::inspection));
        commandLine.addSubcommand("bench", new BenchCommand(this::engine, registry, this::awaitTorch));
        SlurmClient slurm = SlurmClient.fromPath();
        commandLine.addSubcommand("sweep", new picocli.CommandLine(new SweepCommand(this::engine, registry, slurm))
                .addSubcommand("status", new SweepFolderCommands.Status(slurm))
                .addSubcommand("table", new SweepFolderCommands.Table())
                .addSubcommand("resubmit", new SweepFolderCommands.Resubmit(slurm)));
        commandLine.addSubcommand("runs", new ReportCommands.Runs());
        commandLine.addSubcommand("report", new ReportCommands.Report());
        commandLine.addSubcommand("compare", new ReportCommands.Compare());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(userFacingErrors());
        commandLine.setParameterExceptionHandler(usageErrors());
        int code = unknownCommand(commandLine, args) ? commandLine.getCommandSpec().exitCodeOnInvalidInput()
                : commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Whether {@code args} name a command that does not exist, reported as a usage error. picocli would
     * print the parent's help and exit 0 for {@code dhad nosuchcommand --help}, and a script that asks
     * {@code dhad pretrain --help} would believe the command exists.
     */
    private static boolean unknownCommand(picocli.CommandLine root, String[] args) {
        picocli.CommandLine command = root;
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            picocli.CommandLine sub = command.getSubcommands().get(arg);
            if (sub != null) {
                command = sub;
                continue;
            }
            if (command.getSubcommands().isEmpty() || !command.getCommandSpec().positionalParameters().isEmpty()) {
                return false;
            }
            PrintWriter err = command.getErr();
            err.println("Unknown command: '" + arg + "'");
            picocli.CommandLine.UnmatchedArgumentException.printSuggestions(
                    new picocli.CommandLine.UnmatchedArgumentException(command, List.of(arg)), err);
            err.println();
            command.usage(err);
            err.flush();
            return true;
        }
        return false;
    }

    /** A wrong command or option: the problem, close matches, then the usage of the command concerned; exit 2. */
    private static picocli.CommandLine.IParameterExceptionHandler usageErrors() {
        return (exception, args) -> {
            picocli.CommandLine command = exception.getCommandLine();
            PrintWriter err = command.getErr();
            err.println(exception.getMessage());
            picocli.CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println();
            command.usage(err);
            err.flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        };
    }

    /** Errors a user can act on print as one message; anything else also prints its stack trace. */
    private static IExecutionExceptionHandler userFacingErrors() {
        return (exception, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (exception instanceof org.dhad.api.PluginException || exception instanceof IllegalArgumentException
                    || exception instanceof IllegalStateException
                    || exception instanceof org.dhad.model.ModelException
                    || exception instanceof org.dhad.results.ResultsException
                    || exception instanceof org.dhad.engine.EngineException
                    || exception instanceof org.dhad.serve.ServeException) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
            } else {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": unexpected error: " + exception);
                exception.printStackTrace(err);
            }
            err.flush();
            return 1;
        };
    }
}
