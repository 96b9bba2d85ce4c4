package org.medfed.client.cli;

import picocli.CommandLine;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new MedfedCommand(), ServiceFactory.real()).execute(args));
    }
}
