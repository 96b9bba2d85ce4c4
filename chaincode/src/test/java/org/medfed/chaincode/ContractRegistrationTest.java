package org.medfed.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TransactionType;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.system.SystemContract;
import org.medfed.common.protocol.TxNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the contract discovery that ContractRouter performs when the server jar starts. */
class ContractRegistrationTest {
    private static final RoutingRegistry REGISTRY = new RoutingRegistryImpl();

    @BeforeAll
    static void discoverContracts() {
        REGISTRY.findAndSetContracts(TypeRegistry.getRegistry());
    }

    @Test
    void findsBothContractsWithSystemAsTheDefault() {
        assertThat(REGISTRY.getContract("system").getContractImpl()).isEqualTo(SystemContract.class);
        assertThat(REGISTRY.getContract("aggregator").getContractImpl()).isEqualTo(AggregatorContract.class);
        assertThat(REGISTRY.getContract("default").getContractImpl()).isEqualTo(SystemContract.class);
    }

    @Test
    void routesEveryPublishedTransactionName() throws IllegalAccessException {
        for (Field field : TxNames.class.getFields()) {
            String[] name = ((String) field.get(null)).split(":");
            assertThat(REGISTRY.getContract(name[0]).hasTxFunction(name[1])).as(field.getName()).isTrue();
        }
    }

    @Test
    void readsAreEvaluatedAndEverythingElseIsSubmitted() {
        for (ContractDefinition contract : REGISTRY.getAllDefinitions()) {
            if (!contract.getContractImpl().getName().startsWith("org.medfed.")) {
                continue; // Fabric's own org.hyperledger.fabric contract (GetMetadata)
            }
            for (TxFunction function : contract.getTxFunctions()) {
                boolean read = function.getName().startsWith("get") || function.getName().startsWith("list");
                assertThat(function.getType()).as(function.getName())
                        .isEqualTo(read ? TransactionType.EVALUATE : TransactionType.SUBMIT);
            }
        }
    }

    @Test
    void producesValidMetadataWithParameterNames() {
        MetadataBuilder.initialize(REGISTRY, TypeRegistry.getRegistry());

        assertThat(MetadataBuilder.getMetadata()).contains("\"ping\"", "\"message\"", "\"getEndpoint\"");
    }
}
