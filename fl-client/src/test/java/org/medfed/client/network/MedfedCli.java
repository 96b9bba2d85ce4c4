package org.medfed.client.network;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medfed.client.cli.MedfedCommand;
import org.medfed.client.cli.ServiceFactory;
import picocli.CommandLine;

/** The medfed CLI run through picocli in the test's JVM, as a user would run it against the test network. */
final class MedfedCli {

    /** What one command did: its exit code and what it printed. */
    record Run(int exit, String out, String err) {}

    private MedfedCli() {}

    static Run run(Path profilesDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profiles-dir", profilesDir.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
