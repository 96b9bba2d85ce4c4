package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/**
 * The record parsers' committed fuzz inputs say what they are: a {@code valid-*} input parses, an
 * {@code invalid-*} one is refused. So a schema change that turns a valid seed invalid (and leaves the fuzz tests
 * replaying only refusals) fails here.
 */
class RecordSeedsTest {

    static Stream<Arguments> seeds() throws IOException, URISyntaxException {
        return Stream.of(
                        seeds("TaskSpecFuzzTestInputs/specsAreRefusedOrRoundTripCanonically", TaskSpec::fromJson),
                        seeds(
                                "UpdateSubmissionFuzzTestInputs/submissionsAreRefusedOrRoundTripCanonically",
                                UpdateSubmission::fromJson))
                .flatMap(List::stream);
    }

    private static List<Arguments> seeds(String directory, Function<Map<String, Object>, ?> parser)
            throws IOException, URISyntaxException {
        Path inputs = Path.of(RecordSeedsTest.class.getResource(directory).toURI());
        try (Stream<Path> files = Files.list(inputs)) {
            return files.sorted()
                    .map(file -> Arguments.of(directory.substring(0, directory.indexOf("Inputs")), file, parser))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seeds")
    void eachSeedIsWhatItsNameSays(String target, Path seed, Function<Map<String, Object>, ?> parser)
            throws IOException {
        String name = seed.getFileName().toString();
        byte[] json = Files.readAllBytes(seed);

        assertThat(name).as("a seed is named valid-* or invalid-*").matches("(valid|invalid)-[a-z0-9-]+");
        if (name.startsWith("valid-")) {
            assertThat(parser.apply(JsonFields.object(CanonicalJson.parseUtf8(json))))
                    .isNotNull();
        } else {
            assertThatThrownBy(() -> parser.apply(JsonFields.object(CanonicalJson.parseUtf8(json))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
