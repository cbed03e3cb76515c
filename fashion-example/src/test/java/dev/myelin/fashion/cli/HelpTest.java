package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.testing.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    private final TestCli cli = new TestCli();

    @ParameterizedTest
    @ValueSource(strings = {"download", "explore", "train", "evaluate", "report", "predict", "compare", "ensemble", "sweep",
        "serve", "export"})
    void everyCommandExplainsItselfAndItsExitCodes(String command) {
        TestCli.Result result = cli.run(command, "--help");

        assertEquals(0, result.exitCode(), result.err());
        String help = result.out();
        assertTrue(help.contains("Usage: fashion " + command), help);
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(help.contains("0   success") && help.contains("1   failure") && help.contains("2   usage error"), help);
        assertTrue(help.contains("Default:"), "every command states its defaults:\n" + help);
        assertTrue(help.lines().noneMatch(line -> line.contains("Default: null")), help);
    }

    @Test
    void trainHelpListsEveryOptionWithItsDefault() {
        String help = cli.run("train", "--help").out();
        for (String option : new String[] {"--model", "--epochs", "--batch-size", "--lr", "--optimizer", "--schedule",
            "--[no-]augment", "--seed", "--threads", "--out", "--resume", "--init-from", "--freeze", "--data", "--limit"}) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        assertTrue(help.contains("mlp, cnn, vgg, resnet, best"), help);
        assertTrue(help.contains("Default: cnn"), help);
        assertTrue(help.contains("Default: 64"), help);
        assertTrue(help.contains("Default: 42"), help);
        assertTrue(help.contains("sgd, adam, adamw"), help);
        assertTrue(help.contains("none, step, cosine,") && help.contains("onecycle"), help);
    }

    @Test
    void theProgramListsItsCommands() {
        TestCli.Result result = cli.run("--help");
        assertEquals(0, result.exitCode());
        for (String command : new String[] {"download", "explore", "train", "evaluate", "report", "predict", "compare",
            "ensemble", "sweep", "serve", "export"}) {
            assertTrue(result.out().contains("  " + command + " "), result.out());
        }
        assertEquals(0, cli.run("help", "predict").exitCode());
        assertEquals(0, cli.run("--version").exitCode());
    }

    @Test
    void usageErrorsExitWithTwo() {
        TestCli.Result none = cli.run();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("Missing a command"), none.err());

        TestCli.Result unknown = cli.run("train", "--epoch", "3");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("Unknown options: '--epoch'"), unknown.err());

        assertEquals(2, cli.run("train", "--model", "densenet").exitCode());
        assertEquals(2, cli.run("evaluate").exitCode()); // --run is required
        assertEquals(2, cli.run("frobnicate").exitCode());
    }
}
