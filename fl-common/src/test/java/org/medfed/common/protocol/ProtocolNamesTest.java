package org.medfed.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolNamesTest {

    @Test
    void transactionNamesAreContractQualifiedCamelCase() throws IllegalAccessException {
        for (String name : constants(TxNames.class)) {
            String[] parts = name.split(":", -1);
            assertThat(parts).hasSize(2);
            assertThat(ContractNames.ALL).contains(parts[0]);
            assertThat(parts[1]).matches("[a-z][A-Za-z]*");
        }
    }

    @Test
    void eventNamesArePascalCase() throws IllegalAccessException {
        assertThat(constants(EventNames.class))
                .allSatisfy(name -> assertThat(name).matches("[A-Z][A-Za-z]*"));
    }

    @Test
    void namesAreUnique() throws IllegalAccessException {
        assertThat(constants(TxNames.class)).doesNotHaveDuplicates();
        assertThat(constants(EventNames.class)).doesNotHaveDuplicates();
    }

    @Test
    void contractListIsSortedAndComplete() {
        assertThat(ContractNames.ALL)
                .isSorted()
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(
                        ContractNames.ACCESS,
                        ContractNames.SYSTEM,
                        ContractNames.AGGREGATOR,
                        ContractNames.PARTICIPANT,
                        ContractNames.DATASET,
                        ContractNames.TASK,
                        ContractNames.ROUND,
                        ContractNames.REPUTATION,
                        ContractNames.PROVENANCE,
                        ContractNames.SECAGG,
                        ContractNames.SUBSET);
    }

    private static List<String> constants(Class<?> type) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        assertThat(values).isNotEmpty();
        return values;
    }
}
