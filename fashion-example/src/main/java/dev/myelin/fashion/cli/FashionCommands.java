package dev.myelin.fashion.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code fashion} command and its subcommands, wired to a {@link FashionContext}. */
@Command(name = "fashion", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Train, evaluate and study a Fashion-MNIST classifier built with Myelin.",
        description = {
            "Typical session:",
            "  ./fashion download",
            "  ./fashion explore",
            "  ./fashion train --model cnn --out runs/cnn",
            "  ./fashion evaluate --run runs/cnn",
            "  ./fashion report --run runs/cnn",
            "  ./fashion predict --run runs/cnn --invert my-shoe.jpg",
            "  ./fashion compare --quick",
            "  ./fashion export --run runs/cnn --format onnx",
            "",
            "The data is looked for in --data DIR, else $FASHION_MNIST_DIR, else data/fashion-mnist.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run ./fashion COMMAND --help for the options of a command."})
public final class FashionCommands implements Runnable {
    /** Exit codes, listed in every command's help. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    @Spec
    CommandSpec spec;

    /** The command line, ready to {@link CommandLine#execute execute}. */
    public static CommandLine commandLine(FashionContext context) {
        CommandLine commandLine = new CommandLine(new FashionCommands());
        commandLine.addSubcommand(new DownloadCommand(context));
        commandLine.addSubcommand(new ExploreCommand(context));
        commandLine.addSubcommand(new TrainCommand(context));
        commandLine.addSubcommand(new EvaluateCommand(context));
        commandLine.addSubcommand(new ReportCommand(context));
        commandLine.addSubcommand(new PredictCommand(context));
        commandLine.addSubcommand(new CompareCommand(context));
        commandLine.addSubcommand(new EnsembleCommand(context));
        commandLine.addSubcommand(new SweepCommand(context));
        commandLine.addSubcommand(new ExportCommand(context));
        commandLine.addSubcommand(new ServeCommand(context));
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        // Applied after the subcommands are added, so that they inherit it.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        registerEnumConverters(commandLine);
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setExecutionExceptionHandler(new ErrorReporter(context));
        commandLine.setParameterExceptionHandler(new UsageErrorReporter(context));
        withExitCodes(commandLine);
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: download, explore, train, evaluate, report, predict, compare, ensemble, sweep or export");
    }

    /**
     * Reads every enum option by the names users type and lists those names when a value is wrong:
     * picocli's own message lists the constants' upper-case names (MLP, CNN), which the help does not use.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerEnumConverters(CommandLine root) {
        java.util.Set<Class<?>> types = new java.util.LinkedHashSet<>();
        collectEnumTypes(root, types);
        for (Class<?> type : types) {
            register(root, (Class) type);
        }
    }

    private static void collectEnumTypes(CommandLine command, java.util.Set<Class<?>> types) {
        command.getCommandSpec().options().stream().map(o -> o.type()).filter(Class::isEnum).forEach(types::add);
        command.getSubcommands().values().forEach(sub -> collectEnumTypes(sub, types));
    }

    private static <E extends Enum<E>> void register(CommandLine root, Class<E> type) {
        root.registerConverter(type, value -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.toString().equalsIgnoreCase(value) || constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()
                    + " but was '" + value + "'");
        });
    }

    private static void withExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        commandLine.getSubcommands().values().forEach(FashionCommands::withExitCodes);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "failure, explained on stderr");
        codes.put("2", "usage error: unknown or invalid options");
        return codes;
    }
}
