package org.medfed.embedded.chaincode;

import java.io.IOException;

import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * Chaincode hosted in this JVM: the same chaincode protocol as with a chaincode server, carried by direct calls to
 * the shim instead of a socket (no port, no TLS). Each organisation needs a {@link ChaincodeBase} of its own: the
 * shim keeps its protocol state (CREATED, ESTABLISHED, READY) in that object, so two streams over one instance would
 * reset each other's.
 */
public final class InProcessChaincode {

    private InProcessChaincode() {
    }

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
     * The peer side of the chaincode protocol towards {@code chaincode}, as {@link ChaincodeConnection} is towards a
     * server: the same simulation, ledger answers and Fabric error texts.
     *
     * @param namespace the chaincode name: its state namespace and its events' chaincode id
     * @param version   the chaincode version, naming it in errors ("name:version")
     */
    public static ChaincodeInvoker invoker(ChaincodeBase chaincode, String namespace, String version) {
        return new ChaincodeConnection(new InProcessShimTransport(chaincode, namespace + ":" + version), namespace,
                version);
    }
}
