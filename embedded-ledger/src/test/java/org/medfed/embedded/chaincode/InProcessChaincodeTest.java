package org.medfed.embedded.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.junit.jupiter.api.Test;
import org.medfed.embedded.testcc.TestContract;

class InProcessChaincodeTest {

    @Test
    void aRouterGivenItsContractsRoutesAsTheScanningRouterDoes() throws Exception {
        Map<String, List<String>> named =
                routes(InProcessChaincode.contractRouter("testcc:1", List.of(TestContract.class)));
        Map<String, List<String>> scanned = routes(InProcessChaincode.contractRouter("testcc:1"));

        assertThat(named)
                .containsKeys("testcc", "default", "org.hyperledger.fabric")
                .isEqualTo(scanned);
    }

    /** Contract name (the default one as "default") → its transaction names, sorted. */
    private static Map<String, List<String>> routes(Object router) throws Exception {
        Field field = ContractRouter.class.getDeclaredField("registry");
        field.setAccessible(true);
        RoutingRegistry registry = (RoutingRegistry) field.get(router);
        Map<String, List<String>> routes = new TreeMap<>();
        for (ContractDefinition contract : registry.getAllDefinitions()) {
            routes.put(
                    contract.getName(),
                    contract.getTxFunctions().stream()
                            .map(TxFunction::getName)
                            .sorted()
                            .toList());
        }
        if (registry.getContract("default") != null) {
            routes.put("default", List.of(registry.getContract("default").getName()));
        }
        return routes;
    }
}
