package org.medfed.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;

class KeysTest {
    private final FakeChaincodeStub stub = new FakeChaincodeStub();
    private final Keys keys = new Keys(stub);

    @Test
    void buildsPingKeysAsCompositeKeys() {
        String key = keys.ping("Org1MSP");

        assertThat(key).isEqualTo("\u0000ping\u0000Org1MSP\u0000");
        assertThat(stub.splitCompositeKey(key).getObjectType()).isEqualTo("ping");
    }

    @Test
    void buildsProbeKeysFromTheOrganisationAndTheProbeId() {
        String key = keys.probe("Org1MSP", "w0-1");

        assertThat(key).isEqualTo("\u0000probe\u0000Org1MSP\u0000w0-1\u0000");
        assertThat(stub.splitCompositeKey(key).getAttributes()).containsExactly("Org1MSP", "w0-1");
    }

    @Test
    void padsRoundAndSequenceNumbersSoScansSortNumerically() {
        assertThat(keys.round("sepsis", 7)).isEqualTo("\u0000round\u0000sepsis\u00000000000007\u0000");
        assertThat(keys.update("t", 12, "p")).isEqualTo("\u0000update\u0000t\u00000000000012\u0000p\u0000");
        assertThat(keys.reputationChange("t", "p", 3)).endsWith("\u00000000000003\u0000");
        assertThat(keys.round("t", 9).compareTo(keys.round("t", 10))).isNegative();
    }

    @Test
    void namesEveryRecordTypeWithItsShortObjectType() {
        assertThat(List.of(
                        keys.participant("p"),
                        keys.dataset("d"),
                        keys.task("t"),
                        keys.round("t", 1),
                        keys.update("t", 1, "p"),
                        keys.aggregation("t", 1),
                        keys.reputation("t", "p"),
                        keys.reputationChange("t", "p", 1),
                        keys.budget("t", "p"),
                        keys.modelBySha256("s", "t", 0),
                        keys.modelByCid("c", "t", 0)))
                .extracting(key -> stub.splitCompositeKey(key).getObjectType())
                .containsExactly(
                        "participant",
                        "dataset",
                        "task",
                        "round",
                        "update",
                        "agg",
                        "rep",
                        "rephist",
                        "budget",
                        "model",
                        "modelcid");
    }

    @Test
    void buildsPartialKeysThatPrefixTheFullOnes() {
        assertThat(keys.update("t", 1, "p")).startsWith(keys.updatesOf("t", 1).toString());
        assertThat(keys.reputationChange("t", "p", 4))
                .startsWith(keys.reputationChangesOf("t", "p").toString());
        assertThat(keys.modelBySha256("s", "t", 2))
                .startsWith(keys.modelsBySha256("s").toString());
        assertThat(keys.participant("p")).startsWith(keys.allParticipants().toString());
    }

    @Test
    void readsPrintableKeysForTheHistoryApi() {
        assertThat(keys.fromPrintable("round~sepsis~3")).isEqualTo(keys.round("sepsis", 3));
        assertThat(keys.fromPrintable("update~sepsis~0000000003~p")).isEqualTo(keys.update("sepsis", 3, "p"));
        assertThat(keys.fromPrintable("participant~abc")).isEqualTo(keys.participant("abc"));
        assertThat(keys.fromPrintable("sashares~sepsis~3~2~p")).isEqualTo(keys.secureShares("sepsis", 3, 2, "p"));
        assertThat(keys.fromPrintable("rep~t~p")).isEqualTo(keys.reputation("t", "p"));
        assertThat(keys.fromPrintable("dsuse~t~ds")).isEqualTo(keys.datasetUse("t", "ds"));
        assertThat(keys.fromPrintable("usage~ds~t~2")).isEqualTo(keys.usageReceipt("ds", "t", 2));
        for (String bad : List.of("round~t", "round~t~x", "round~t~+3", "rephist~t~p~1", "task", "nothing~x")) {
            assertThatThrownBy(() -> keys.fromPrintable(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            FlChaincodeException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void refusesAttributesThatCannotBePartOfAKey() {
        assertThatThrownBy(() -> keys.ping("a\u0000b"))
                .isInstanceOfSatisfying(
                        FlChaincodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
