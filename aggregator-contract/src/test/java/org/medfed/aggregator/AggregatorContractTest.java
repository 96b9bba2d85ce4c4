package org.medfed.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.contract.support.FlContext;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.TestIdentity;

class AggregatorContractTest {

    @Test
    void reportsTheOrganisationsOwnIpfsEndpoint() {
        AggregatorContract contract = new AggregatorContract("http://127.0.0.1:5011", "Org2MSP");
        FlContext ctx = contract.createContext(new FakeChaincodeStub().caller(TestIdentity.ORG1_CLIENT));

        String json = contract.getEndpoint(ctx);

        assertThat(CanonicalJson.parse(json)).isEqualTo(Map.of("ipfsApi", "http://127.0.0.1:5011", "mspId", "Org2MSP"));
        assertThat(json).isEqualTo(CanonicalJson.encode(CanonicalJson.parse(json)));
    }

    @Test
    void isRoutedAsAnEvaluateTransactionOfTheAggregatorContract() throws NoSuchMethodException {
        assertThat(AggregatorContract.class.getAnnotation(Contract.class).name())
                .isEqualTo("aggregator");
        assertThat(AggregatorContract.class
                        .getMethod("getEndpoint", FlContext.class)
                        .getAnnotation(Transaction.class)
                        .intent())
                .isEqualTo(Transaction.TYPE.EVALUATE);
    }
}
