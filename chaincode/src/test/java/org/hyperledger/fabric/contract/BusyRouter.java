package org.hyperledger.fabric.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.InvocationRequest;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.hyperledger.fabric.contract.systemcontract.SystemContract;
import org.hyperledger.fabric.shim.Chaincode;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.MedfedContracts;
import org.medfed.chaincode.testing.BusyLedger;
import org.medfed.contract.support.Env;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.TestIdentity;

/**
 * The chaincode as {@link ContractRoutingFuzzTest} drives it: Fabric's own ContractRouter over the server jar's
 * contracts, on the ledger of {@link BusyLedger}, one per test JVM. An input is UTF-8 text, one field a line: the
 * caller (a {@link TestIdentity} name), the transaction name ({@code contract:function}), then each argument. A
 * caller or transaction name that names none is mapped to one by its hash, so every mutation reaches a real
 * transaction; a transaction line starting with {@code =} is sent as the rest of the line, whatever it is. It lives
 * in Fabric's package for the router's package-private registry.
 */
final class BusyRouter {
    private static BusyRouter instance;

    private final BusyLedger busy = new BusyLedger();
    private final ContractRouter router = new ContractRouter(new String[] {"--id", "medfed_fuzz:abc"});
    private final List<String> transactions;

    /** One call and what it did; its transaction is rolled back already. */
    record Outcome(List<String> args, Chaincode.Response response, boolean wrote, boolean setEvents) {
        boolean succeeded() {
            return response.getStatus() == Chaincode.Response.Status.SUCCESS;
        }

        /** The failure's payload as text ("" when there is none). */
        String payload() {
            return response.getPayload() == null ? "" : new String(response.getPayload(), UTF_8);
        }
    }

    private BusyRouter() {
        register(router.getRoutingRegistry());
        MetadataBuilder.initialize(router.getRoutingRegistry(), router.getTypeRegistry());
        transactions = transactionNames(router.getRoutingRegistry());
        // The shim logs every call, and every failure with its stack trace: far too slow for fuzzing. Its start-up
        // set levels on these three; they stay off for the rest of the test JVM (another router turns them on).
        for (String name :
                List.of("org.hyperledger", "org.hyperledger.fabric.shim", "org.hyperledger.fabric.contract")) {
            Logger.getLogger(name).setLevel(Level.OFF);
        }
    }

    static synchronized BusyRouter get() {
        if (instance == null) {
            instance = new BusyRouter();
        }
        return instance;
    }

    /** Every {@code contract:function} the router knows, sorted. */
    List<String> transactions() {
        return transactions;
    }

    Outcome run(byte[] input) {
        List<String> fields = Arrays.asList(new String(input, UTF_8).split("\n", -1));
        TestIdentity caller = pick(TestIdentity.values(), fields.get(0));
        String transaction = fields.size() < 2
                ? transactions.get(0)
                : fields.get(1).startsWith("=") ? fields.get(1).substring(1) : pick(transactions, fields.get(1));
        List<String> args = new ArrayList<>(List.of(transaction));
        args.addAll(fields.subList(Math.min(2, fields.size()), fields.size()));
        FakeChaincodeStub stub = busy.ledger.stub();
        stub.transaction("fuzz-tx", BusyLedger.NOW).caller(caller).args(args.toArray(String[]::new));
        // The aggregator reads blobs from the ledger's in-memory IPFS node; set per call, as other tests set theirs.
        Env.host(Map.of(AggregatorContract.HOSTED_BLOBS, busy.ipfs));
        try {
            Chaincode.Response response = router.invoke(stub);
            return new Outcome(
                    args,
                    response,
                    stub.hasPendingWrites(),
                    !stub.transactionEvents().isEmpty());
        } finally {
            stub.rollback();
            Env.host(Map.of());
        }
    }

    /**
     * Whether the shim finds a contract for {@code function}. It does not when the name is only colons (its
     * ContractInvocationRequest splits on ':' and reads a first part there is none of: "Unexpected error") or names
     * a contract there is none of ("Undefined contract called"). Either way it answers before any contract code
     * runs, with its own message and no payload. ContractRouter is final and routes first, so medfed cannot answer
     * these; nothing runs and nothing is written, and no client of ours sends such a name.
     */
    boolean routesToAContract(String function) {
        FakeChaincodeStub probe = new FakeChaincodeStub().args(function);
        try {
            InvocationRequest request = ExecutionFactory.getInstance().createRequest(probe);
            router.getRoutingRegistry().getContract(request.getNamespace());
            return true;
        } catch (ArrayIndexOutOfBoundsException | ContractRuntimeException e) {
            return false;
        }
    }

    /**
     * The contracts of the server jar, named rather than found by the router's class-path scan (seconds), and given
     * to the registry as the scan gives them (RoutingRegistryImpl.addContracts); ContractRegistrationTest keeps
     * {@link MedfedContracts#CONTRACTS} equal to what the scan finds.
     */
    private static void register(RoutingRegistry registry) {
        List<Class<? extends ContractInterface>> contracts = new ArrayList<>();
        contracts.add(SystemContract.class);
        contracts.addAll(MedfedContracts.CONTRACTS);
        for (Class<? extends ContractInterface> contract : contracts) {
            @SuppressWarnings("unchecked") // the registry's signature lacks the wildcard it needs
            ContractDefinition definition = registry.addNewContract((Class<ContractInterface>) contract);
            for (Method method : contract.getMethods()) {
                if (method.getAnnotation(Transaction.class) != null) {
                    definition.addTxFunction(method);
                }
            }
        }
    }

    /** Every {@code contract:function} the router knows, sorted. */
    private static List<String> transactionNames(RoutingRegistry registry) {
        List<String> names = new ArrayList<>();
        for (ContractDefinition contract : registry.getAllDefinitions()) {
            for (TxFunction function : contract.getTxFunctions()) {
                names.add(contract.getName() + ":" + function.getName());
            }
        }
        names.sort(null);
        return names;
    }

    private static String pick(List<String> names, String name) {
        return names.contains(name) ? name : names.get(Math.floorMod(name.hashCode(), names.size()));
    }

    private static TestIdentity pick(TestIdentity[] identities, String name) {
        for (TestIdentity identity : identities) {
            if (identity.name().equals(name)) {
                return identity;
            }
        }
        return identities[Math.floorMod(name.hashCode(), identities.length)];
    }
}
