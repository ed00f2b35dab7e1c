package dev.berth.image.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0} -> {1} shown as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bb                                   | docker.io/library/bb                    | bb
            bb:1                                 | docker.io/library/bb:1                  | bb:1
            library/bb:1                         | docker.io/library/bb:1                  | bb:1
            docker.io/library/bb:1               | docker.io/library/bb:1                  | bb:1
            index.docker.io/bb                   | docker.io/library/bb                    | bb
            user/app:v1.2-rc_3                   | docker.io/user/app:v1.2-rc_3            | user/app:v1.2-rc_3
            docker.io/user/app                   | docker.io/user/app                      | user/app
            myreg:5000/x                         | myreg:5000/x                            | myreg:5000/x
            myreg:5000/x:latest                  | myreg:5000/x:latest                     | myreg:5000/x:latest
            localhost/app                        | localhost/app                           | localhost/app
            registry.example.com/a/b/c:t         | registry.example.com/a/b/c:t            | registry.example.com/a/b/c:t
            [::1]:5000/app                       | [::1]:5000/app                          | [::1]:5000/app
            a__b.c-d---e                         | docker.io/library/a__b.c-d---e          | a__b.c-d---e
            Foo/bar                              | Foo/bar                                 | Foo/bar
            """)
    void parse_validReference_normalisesAndShowsFamiliarForm(String input, String full, String familiar) {
        ImageReference reference = ImageReference.parse(input);

        assertThat(reference.toString()).isEqualTo(full);
        assertThat(reference.familiarString()).isEqualTo(familiar);
    }

    @Test
    void parse_digestReference_keepsDigest() {
        String digest = "sha256:" + "a".repeat(64);

        ImageReference reference = ImageReference.parse("bb@" + digest);

        assertThat(reference.digest()).contains(digest);
        assertThat(reference.tag()).isEmpty();
        assertThat(reference.familiarString()).isEqualTo("bb@" + digest);
    }

    @Test
    void withDefaultTag_bareName_getsLatest() {
        assertThat(ImageReference.parse("bb").withDefaultTag().familiarString()).isEqualTo("bb:latest");
        assertThat(ImageReference.parse("bb:1").withDefaultTag().familiarString()).isEqualTo("bb:1");
    }

    @Test
    void familiarName_nestedLibraryPath_keepsLibrary() {
        assertThat(ImageReference.parse("library/a/b").familiarName()).isEqualTo("library/a/b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Bb                  | invalid reference format: repository name (library/Bb) must be lowercase
            Bb:1                | invalid reference format: repository name (library/Bb) must be lowercase
            myreg:5000/Abc      | invalid reference format: repository name (Abc) must be lowercase
            bb:                 | invalid reference format
            :tag                | invalid reference format
            bb:-bad             | invalid reference format
            -bb                 | invalid reference format
            bb..c               | invalid reference format
            bb/                 | invalid reference format
            bb@sha256:abc       | invalid reference format
            'has space'         | invalid reference format
            """)
    void parse_invalidReference_throwsDockerMessage(String input, String message) {
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(BerthException.class)
                .hasMessage(message);
    }

    @Test
    void parse_emptyString_isInvalidFormat() {
        assertThatThrownBy(() -> ImageReference.parse(""))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid reference format");
    }

    @Test
    void parse_sixtyFourHex_isRefusedAsName() {
        String hex = "0123456789abcdef".repeat(4);

        assertThatThrownBy(() -> ImageReference.parse(hex))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid repository name (" + hex + "), cannot specify 64-byte hexadecimal strings");
    }

    @Test
    void parse_tooLongName_isRefused() {
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(300)))
                .isInstanceOf(BerthException.class)
                .hasMessage("repository name must not be more than 255 characters");
    }

    @Test
    void parseWithTag_tagGiven_replacesTag() {
        assertThat(ImageReference.parseWithTag("bb:1", "2").familiarString()).isEqualTo("bb:2");
        assertThat(ImageReference.parseWithTag("bb", "").familiarString()).isEqualTo("bb");
    }

    @Test
    void parseWithTag_badTag_isRefused() {
        assertThatThrownBy(() -> ImageReference.parseWithTag("bb", "-x"))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid tag format");
    }

    @Test
    void equals_sameNormalisedForm_isEqual() {
        assertThat(ImageReference.parse("bb:1")).isEqualTo(ImageReference.parse("docker.io/library/bb:1"));
    }
}
