package org.medfed.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TransactionType;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.access.AccessContract;
import org.medfed.chaincode.dataset.DatasetContract;
import org.medfed.chaincode.participant.ParticipantContract;
import org.medfed.chaincode.provenance.ProvenanceContract;
import org.medfed.chaincode.reputation.ReputationContract;
import org.medfed.chaincode.round.RoundContract;
import org.medfed.chaincode.system.SystemContract;
import org.medfed.chaincode.task.TaskContract;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.TxNames;

/** Runs the contract discovery that ContractRouter performs when the server jar starts. */
class ContractRegistrationTest {
    private static final RoutingRegistry REGISTRY = new RoutingRegistryImpl();

    @BeforeAll
    static void discoverContracts() {
        REGISTRY.findAndSetContracts(TypeRegistry.getRegistry());
    }

    @Test
    void findsEveryContractWithSystemAsTheDefault() {
        assertThat(REGISTRY.getContract("system").getContractImpl()).isEqualTo(SystemContract.class);
        assertThat(REGISTRY.getContract("aggregator").getContractImpl()).isEqualTo(AggregatorContract.class);
        assertThat(REGISTRY.getContract("participant").getContractImpl()).isEqualTo(ParticipantContract.class);
        assertThat(REGISTRY.getContract("dataset").getContractImpl()).isEqualTo(DatasetContract.class);
        assertThat(REGISTRY.getContract("task").getContractImpl()).isEqualTo(TaskContract.class);
        assertThat(REGISTRY.getContract("round").getContractImpl()).isEqualTo(RoundContract.class);
        assertThat(REGISTRY.getContract("reputation").getContractImpl()).isEqualTo(ReputationContract.class);
        assertThat(REGISTRY.getContract("provenance").getContractImpl()).isEqualTo(ProvenanceContract.class);
        assertThat(REGISTRY.getContract("access").getContractImpl()).isEqualTo(AccessContract.class);
        assertThat(REGISTRY.getContract("default").getContractImpl()).isEqualTo(SystemContract.class);
    }

    @Test
    void theListOfContractsForInProcessHostingIsWhatTheScanFinds() {
        Set<String> scanned = new TreeSet<>();
        for (ContractDefinition contract : REGISTRY.getAllDefinitions()) {
            if (contract.getContractImpl().getName().startsWith("org.medfed.")) {
                scanned.add(contract.getContractImpl().getName());
            }
        }
        assertThat(MedfedContracts.CONTRACTS).extracting(Class::getName).containsExactlyInAnyOrderElementsOf(scanned);
    }

    @Test
    void publishesEveryRoutedTransactionInTxNames() throws IllegalAccessException {
        Set<String> published = new TreeSet<>();
        for (Field field : TxNames.class.getFields()) {
            published.add((String) field.get(null));
        }
        for (String contract : ContractNames.ALL) {
            for (TxFunction function : REGISTRY.getContract(contract).getTxFunctions()) {
                assertThat(published).contains(contract + ":" + function.getName());
            }
        }
    }

    @Test
    void routesEveryPublishedTransactionName() throws IllegalAccessException {
        for (Field field : TxNames.class.getFields()) {
            String[] name = ((String) field.get(null)).split(":");
            assertThat(REGISTRY.getContract(name[0]).hasTxFunction(name[1]))
                    .as(field.getName())
                    .isTrue();
        }
    }

    @Test
    void readsAndChecksAreEvaluatedAndEverythingElseIsSubmitted() {
        for (ContractDefinition contract : REGISTRY.getAllDefinitions()) {
            if (!contract.getContractImpl().getName().startsWith("org.medfed.")) {
                continue; // Fabric's own org.hyperledger.fabric contract (GetMetadata)
            }
            for (TxFunction function : contract.getTxFunctions()) {
                boolean read = function.getName().startsWith("get")
                        || function.getName().startsWith("list")
                        || function.getName().startsWith("read")
                        || function.getName().startsWith("check");
                assertThat(function.getType())
                        .as(function.getName())
                        .isEqualTo(read ? TransactionType.EVALUATE : TransactionType.SUBMIT);
            }
        }
    }

    @Test
    void producesValidMetadataWithParameterNames() {
        MetadataBuilder.initialize(REGISTRY, TypeRegistry.getRegistry());

        assertThat(MetadataBuilder.getMetadata())
                .contains(
                        "\"ping\"",
                        "\"message\"",
                        "\"getEndpoint\"",
                        "\"submitUpdate\"",
                        "\"update\"",
                        "\"getModelLineage\"",
                        "\"pageSize\"",
                        "\"bookmark\"");
    }
}
