package org.medfed.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.MedfedException;

class ExitCodesTest {

    @Test
    void transportFailuresMeanTheNetworkIsUnavailable() {
        assertThat(ExitCodes.of(new MedfedException(MedfedException.UNAVAILABLE, "down", null)))
                .isEqualTo(2);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.DEADLINE_EXCEEDED, "slow", null)))
                .isEqualTo(2);
    }

    @Test
    void refusalsMeanTheLedgerRefused() {
        assertThat(ExitCodes.of(MedfedException.fromChaincode("ROUND_NOT_OPEN", "closed", "tx", null)))
                .isEqualTo(3);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.PERMISSION_DENIED, "no", null)))
                .isEqualTo(3);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.TX_INVALID, "mvcc", "tx")))
                .isEqualTo(3);
    }

    @Test
    void chaincodeInternalIsARefusalButOurInternalIsABug() {
        assertThat(ExitCodes.of(MedfedException.fromChaincode("INTERNAL", "oops", "tx", null)))
                .isEqualTo(3);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.INTERNAL, "bug", null)))
                .isEqualTo(70);
    }

    @Test
    void theNetworkScriptsUseTheSameNumbersForTheSameMeanings() throws Exception {
        Map<String, Integer> scripts = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(EXIT_\\w+)=(\\d+)").matcher(Files.readString(scriptCodes()));
        while (m.find()) {
            scripts.put(m.group(1), Integer.parseInt(m.group(2)));
        }

        assertThat(scripts)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "EXIT_USAGE", ExitCodes.USAGE,
                        "EXIT_UNAVAILABLE", ExitCodes.NETWORK_UNAVAILABLE,
                        "EXIT_REFUSED", ExitCodes.LEDGER_REFUSED,
                        "EXIT_VERIFICATION_FAILED", ExitCodes.VERIFICATION_FAILED));
    }

    /** network/scripts/exit-codes.sh, found from the module's directory (where the tests run) upwards. */
    private static Path scriptCodes() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("network/scripts/exit-codes.sh");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException(
                "no network/scripts/exit-codes.sh above " + Path.of("").toAbsolutePath());
    }

    @Test
    void contextKeepsTheClassification() {
        MedfedException e =
                MedfedException.fromChaincode("INTERNAL", "oops", "tx", null).withContext("clinic");

        assertThat(e.describe()).isEqualTo("INTERNAL: clinic: oops [tx tx]");
        assertThat(ExitCodes.of(e)).isEqualTo(3);
    }
}
