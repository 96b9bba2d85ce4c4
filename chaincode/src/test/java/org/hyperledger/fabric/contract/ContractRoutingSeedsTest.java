package org.hyperledger.fabric.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed inputs of {@link ContractRoutingFuzzTest} say what they do: {@code ok.*} succeeds,
 * {@code <error_code>.*} is refused with that code, {@code shim.*} names no contract, which the shim answers itself
 * without a code ({@link BusyRouter#routesToAContract}). A change of the ledger or the rules that alters an outcome fails here, so the corpus keeps
 * reaching what it was written to reach rather than silently replaying refusals.
 */
class ContractRoutingSeedsTest {
    private static final String INPUTS =
            "ContractRoutingFuzzTestInputs/everyTransactionSucceedsOrRefusesWithACodeAndWritesNothing";

    static List<Path> seeds() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(
                Path.of(ContractRoutingSeedsTest.class.getResource(INPUTS).toURI()))) {
            return files.sorted().toList();
        }
    }

    @Test
    void everyTransactionHasASeedThatCallsIt() throws IOException, URISyntaxException {
        Set<String> called = new TreeSet<>();
        for (Path seed : seeds()) {
            String[] fields = new String(Files.readAllBytes(seed), UTF_8).split("\n", -1);
            if (fields.length > 1) {
                called.add(fields[1]);
            }
        }

        assertThat(called).containsAll(BusyRouter.get().transactions());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void eachSeedHasTheOutcomeItsNameSays(Path seed) throws IOException {
        String name = seed.getFileName().toString();
        String expected = name.substring(0, Math.max(0, name.indexOf('.')));

        BusyRouter router = BusyRouter.get();
        BusyRouter.Outcome outcome = router.run(Files.readAllBytes(seed));

        String actual = outcome.succeeded()
                ? "ok"
                : !router.routesToAContract(outcome.args().get(0))
                        ? "shim"
                        : outcome.payload().toLowerCase(Locale.ROOT);
        assertThat(actual).as("%s: %s", name, outcome.response().getMessage()).isEqualTo(expected);
    }
}
