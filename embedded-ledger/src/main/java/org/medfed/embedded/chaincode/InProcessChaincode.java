package org.medfed.embedded.chaincode;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * Chaincode hosted in this JVM: the same chaincode protocol as with a chaincode server, carried by direct calls to
 * the shim instead of a socket (no port, no TLS). Each organisation needs a {@link ChaincodeBase} of its own: the
 * shim keeps its protocol state (CREATED, ESTABLISHED, READY) in that object, so two streams over one instance would
 * reset each other's.
 */
public final class InProcessChaincode {

    private InProcessChaincode() {}

    /**
     * The shim's {@link ContractRouter} over every {@code @Contract} class on the classpath, as a chaincode server
     * would run it, with its id given here rather than in {@code CORE_CHAINCODE_ID_NAME} (the shim reads its
     * environment first and its {@code --id} argument last). Note that the router's constructor configures
     * java.util.logging for the whole JVM as a chaincode process expects (root handlers' format, the shim's and the
     * contracts' loggers at INFO, which logs every invocation); quiet {@code org.hyperledger.fabric} afterwards
     * where that is too much.
     *
     * @param chaincodeId "name:version", e.g. "medfed:1"
     */
    public static ChaincodeBase contractRouter(String chaincodeId) {
        ContractRouter router = new ContractRouter(new String[] {"--id", chaincodeId});
        try {
            // The shim's public way to scan the contracts and build their metadata before serving; the "server"
            // it then starts is this JVM, which listens nowhere.
            router.startRouterWithChaincodeServer(new ChaincodeServer() {
                @Override
                public void start() {
                    // nothing to listen on
                }

                @Override
                public void stop() {
                    // nothing to stop
                }
            });
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the in-process chaincode server cannot fail to start", e);
        }
        return router;
    }

    /**
     * The shim's {@link ContractRouter} over {@code contracts} (and Fabric's own {@code org.hyperledger.fabric}
     * contract, which answers GetMetadata), found without scanning the class path: the router's scan reads every
     * class of every jar, 10 to 20 s on the CLI's class path. The shim has no public way to name the contracts, so
     * this hands them to the code its scan hands them to ({@code RoutingRegistryImpl.addContracts}, reached by
     * reflection; InProcessChaincodeTest compares the routes of both). The logging note of {@link #contractRouter(String)}
     * applies.
     */
    public static ChaincodeBase contractRouter(String chaincodeId, List<Class<? extends ContractInterface>> contracts) {
        ContractRouter router = new ContractRouter(new String[] {"--id", chaincodeId});
        RoutingRegistry registry = reflected(() -> {
            Field field = ContractRouter.class.getDeclaredField("registry");
            field.setAccessible(true);
            return (RoutingRegistry) field.get(router);
        });
        List<Class<?>> all = new ArrayList<>();
        all.add(org.hyperledger.fabric.contract.systemcontract.SystemContract.class);
        all.addAll(contracts);
        reflected(() -> {
            // What the scan does with the classes it finds: each contract with its @Transaction methods.
            Method add = RoutingRegistryImpl.class.getDeclaredMethod("addContracts", List.class);
            add.setAccessible(true);
            return add.invoke(registry, all);
        });
        MetadataBuilder.initialize(registry, TypeRegistry.getRegistry());
        return router;
    }

    private interface Reflective<T> {
        T get() throws ReflectiveOperationException;
    }

    private static <T> T reflected(Reflective<T> step) {
        try {
            return step.get();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "this version of the chaincode shim does not route as version 2.5 does "
                            + "(ContractRouter.registry, RoutingRegistryImpl.addContracts); contractRouter(String) scans for "
                            + "the contracts instead",
                    e);
        }
    }

    /**
     * The peer side of the chaincode protocol towards {@code chaincode}, as {@link ChaincodeConnection} is towards a
     * server: the same simulation, ledger answers and Fabric error texts.
     *
     * @param namespace the chaincode name: its state namespace and its events' chaincode id
     * @param version   the chaincode version, naming it in errors ("name:version")
     */
    public static ChaincodeInvoker invoker(ChaincodeBase chaincode, String namespace, String version) {
        return new ChaincodeConnection(
                new InProcessShimTransport(chaincode, namespace + ":" + version), namespace, version);
    }
}
