package dev.berth.gateway.api;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApiVersionTest {

    @Test
    void split_versionedPath() {
        assertThat(ApiVersion.split("/v1.44/containers/json"))
                .isEqualTo(new ApiVersion.VersionedPath(Optional.of("1.44"), "/containers/json"));
    }

    @Test
    void split_unversionedPathsStayAsTheyAre() {
        assertThat(ApiVersion.split("/containers/json"))
                .isEqualTo(new ApiVersion.VersionedPath(Optional.empty(), "/containers/json"));
        assertThat(ApiVersion.split("/volumes/v1.2"))
                .isEqualTo(new ApiVersion.VersionedPath(Optional.empty(), "/volumes/v1.2"));
    }

    @Test
    void refusal_supportedRangeIsAccepted() {
        assertThat(ApiVersion.refusal("1.24")).isEmpty();
        assertThat(ApiVersion.refusal("1.40")).isEmpty();
        assertThat(ApiVersion.refusal("1.44")).isEmpty();
    }

    @Test
    void refusal_outsideTheRange_usesDockersTexts() {
        assertThat(ApiVersion.refusal("1.45"))
                .contains("client version 1.45 is too new. Maximum supported API version is 1.44");
        assertThat(ApiVersion.refusal("1.23")).contains("client version 1.23 is too old. Minimum supported API "
                + "version is 1.24, please upgrade your client to a newer version");
        assertThat(ApiVersion.refusal("2.0")).isPresent();
    }

    @Test
    void compare_isNumericPerPart() {
        assertThat(ApiVersion.compare("1.100", "1.44")).isPositive();
        assertThat(ApiVersion.compare("1.9", "1.24")).isNegative();
        assertThat(ApiVersion.compare("1.44", "1.44.0")).isZero();
    }
}
