package dev.myelin.fashion.cli;

import dev.myelin.fashion.train.TrainingDiverged;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Turns an exception thrown by a command into one clear line on stderr, prefixed with the command,
 * and exit code 1. Messages the program wrote for the user (missing data, offline download) may go
 * on with lines that say what to do. Unexpected exceptions, which are bugs, say how to see the
 * stack trace ({@code FASHION_DEBUG=1}).
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;

    private final FashionContext context;

    ErrorReporter(FashionContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        context.err().println(command.getCommandSpec().qualifiedName(" ") + ": " + describe(e));
        if (context.debug()) {
            e.printStackTrace(context.err());
        }
        return FAILURE;
    }

    /** What went wrong, in words. */
    static String describe(Exception e) {
        return switch (e) {
            case CommandFailure f -> f.getMessage();
            case TrainingDiverged d -> d.getMessage();
            case NoSuchFileException f -> f.getReason() != null
                    ? f.getFile() + ": " + f.getReason() : "no such file or directory: " + f.getFile();
            case AccessDeniedException f -> "permission denied: " + f.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            case NotDirectoryException f -> "not a directory: " + f.getFile();
            case FileSystemException f -> f.getMessage();
            case IOException io -> io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
            case UnsupportedOperationException u when u.getMessage() != null -> u.getMessage();
            default -> "internal error: " + e + " (set FASHION_DEBUG=1 to see the stack trace)";
        };
    }
}
