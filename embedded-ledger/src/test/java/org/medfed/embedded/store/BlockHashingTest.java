package org.medfed.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;

class BlockHashingTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesTheHeaderAsDerSequenceOfNumberPreviousHashAndDataHash() throws Exception {
        BlockHeader header = header(1, "0102", "aa");
        // 30 0a                SEQUENCE, 10 bytes
        //    02 01 01          INTEGER 1
        //    04 02 01 02       OCTET STRING 01 02
        //    04 01 aa          OCTET STRING aa
        byte[] der = HEX.parseHex("300a" + "020101" + "04020102" + "0401aa");

        assertThat(BlockHashing.headerBytes(header)).isEqualTo(der);
        assertThat(BlockHashing.headerHash(header))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(der));
    }

    @Test
    void encodesEmptyHashesAsEmptyOctetStringsLikeTheGenesisBlock() {
        // 30 07 | 02 01 00 | 04 00 | 04 00
        assertThat(BlockHashing.headerBytes(header(0, "", "")))
                .isEqualTo(HEX.parseHex("3007" + "020100" + "0400" + "0400"));
    }

    @Test
    void encodesTheNumberAsAnUnsignedIntegerWithALeadingZeroWhenItsTopBitIsSet() {
        // 128 = 0x80 needs 00 80, else DER would read it as -128
        assertThat(BlockHashing.headerBytes(header(128, "", "")))
                .isEqualTo(HEX.parseHex("3008" + "02020080" + "0400" + "0400"));
        // Fabric's uint64 max, which Java holds as -1
        assertThat(BlockHashing.headerBytes(header(-1L, "", "")))
                .isEqualTo(HEX.parseHex("300f" + "020900ffffffffffffffff" + "0400" + "0400"));
    }

    @Test
    void hashesTheDataAsTheConcatenationOfItsEntries() throws Exception {
        BlockData data = BlockData.newBuilder()
                .addAllData(List.of(bytes("0102"), bytes(""), bytes("0304")))
                .build();

        assertThat(BlockHashing.dataHash(data))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex("01020304")));
    }

    @Test
    void hashesNoDataAsTheHashOfNothing() {
        // SHA-256 of the empty string
        assertThat(HEX.formatHex(BlockHashing.dataHash(BlockData.getDefaultInstance())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static BlockHeader header(long number, String previousHash, String dataHash) {
        return BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(bytes(previousHash))
                .setDataHash(bytes(dataHash))
                .build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HEX.parseHex(hex));
    }
}
