package dev.myelin.fashion.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a usage error (an unknown option, a bad value) into one line on stderr that names the command,
 * says what is wrong and where the options are explained, and exit code 2. The full usage text is
 * one {@code --help} away rather than printed under every mistake.
 */
final class UsageErrorReporter implements CommandLine.IParameterExceptionHandler {
    static final int USAGE = 2;

    private final FashionContext context;

    UsageErrorReporter(FashionContext context) {
        this.context = context;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName(" ");
        String suggestion = "";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            suggestion = " Did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        context.err().println(name + ": " + e.getMessage() + "." + suggestion + " See ./" + name + " --help.");
        return USAGE;
    }
}
