package org.medfed.embedded.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.medfed.embedded.chaincode.InProcessChaincode;
import org.medfed.embedded.channel.ChaincodeDefinition;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.msp.CryptoGenerator;
import org.medfed.embedded.store.LedgerStore;
import org.medfed.embedded.store.MvLedgerStore;

/**
 * Builds an in-process {@link EmbeddedNetwork}: the organisations, channel and chaincode name of {@code layout}, its
 * data folder (a scratch folder: crypto material is generated there for organisations that lack it, and the chaincode
 * definition written when none is), each organisation's chaincode hosted in this JVM.
 *
 * <pre>
 * try (EmbeddedNetwork network = EmbeddedNetwork.inProcess(NetworkLayout.load(config, scratch))
 *         .batchTimeout(Duration.ofMillis(2)).inMemoryLedger().start()) {
 *     Gateway gateway = Gateway.newInstance().connection(network.gatewayChannel("Hospital"))...connect();
 * }
 * </pre>
 */
public final class InProcessNetworkBuilder {

    private final NetworkLayout layout;
    private Function<String, ChaincodeBase> chaincodes;
    private Duration batchTimeout;
    private boolean inMemory;

    InProcessNetworkBuilder(NetworkLayout layout) {
        this.layout = layout;
        this.batchTimeout = layout.batchTimeout();
    }

    /**
     * The chaincode each organisation runs, a new instance for each ({@link InProcessChaincode} says why). By
     * default, {@link InProcessChaincode#contractRouter} over the contracts on the classpath.
     */
    public InProcessNetworkBuilder chaincode(Function<String, ChaincodeBase> perOrganisation) {
        this.chaincodes = perOrganisation;
        return this;
    }

    /** The orderer's BatchTimeout instead of the layout's: a few ms lets a simulation run thousands of blocks. */
    public InProcessNetworkBuilder batchTimeout(Duration timeout) {
        this.batchTimeout = timeout;
        return this;
    }

    /** The ledger in memory ({@link MvLedgerStore#inMemory}) instead of a file in the data folder. */
    public InProcessNetworkBuilder inMemoryLedger() {
        this.inMemory = true;
        return this;
    }

    public EmbeddedNetwork start() {
        CryptoGenerator.generate(layout);
        ChaincodeDefinition definition = definition();
        Function<String, ChaincodeBase> perOrg = chaincodes != null
                ? chaincodes
                : org -> InProcessChaincode.contractRouter(definition.name() + ":" + definition.version());
        Map<String, ChaincodeBase> hosted = new LinkedHashMap<>();
        Set<ChaincodeBase> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String org : layout.orgs()) {
            ChaincodeBase chaincode = perOrg.apply(org);
            if (!distinct.add(chaincode)) {
                throw new IllegalArgumentException(org + " was given another organisation's chaincode instance");
            }
            hosted.put(org, chaincode);
        }
        LedgerStore store = inMemory ? MvLedgerStore.inMemory() : MvLedgerStore.open(layout.ledgerDir());
        return EmbeddedNetwork.startInProcess(
                layout,
                store,
                (org, d) -> InProcessChaincode.invoker(
                        Objects.requireNonNull(
                                hosted.get(org), () -> org + " joined after the in-process network started"),
                        d.name(),
                        d.version()),
                batchTimeout);
    }

    /** The deployed definition; version 1, sequence 1 of the layout's chaincode when nothing is deployed. */
    private ChaincodeDefinition definition() {
        Path file = layout.chaincodeDefinition();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "name=" + layout.chaincodeName() + "\nversion=1\nsequence=1\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chaincode definition " + file, e);
        }
        return ChaincodeDefinition.read(file);
    }
}
