package org.medfed.client.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The positional pair {@code TASK ROUND} of the commands on one round, ROUND checked while parsing. */
final class TaskRound {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
    private String task;

    private long round;

    String task() {
        return task;
    }

    long round() {
        return round;
    }

    @Parameters(index = "1", paramLabel = "ROUND", description = "Round number.")
    private void round(long value) {
        round = checked(mixee, value);
    }

    /** A round number as given: 1 or more, else a usage error of {@code command}. */
    static long checked(CommandSpec command, long round) {
        if (round < 1) {
            throw new ParameterException(command.commandLine(), "ROUND must be 1 or more, got " + round);
        }
        return round;
    }
}
