package org.medfed.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.junit.jupiter.api.Test;

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
    void refusesAttributesThatCannotBePartOfAKey() {
        assertThatThrownBy(() -> keys.ping("a\u0000b"))
                .isInstanceOfSatisfying(FlChaincodeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
