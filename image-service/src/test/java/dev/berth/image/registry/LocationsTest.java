package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class LocationsTest {

    private static final URI POST = URI.create("http://127.0.0.1:5000/v2/x/y/blobs/uploads/");

    @Test
    void resolve_relativePath_isResolvedAgainstTheRequest() {
        assertThat(Locations.resolve(POST, "/v2/x/y/blobs/uploads/abc?_state=s1", "POST"))
                .isEqualTo(URI.create("http://127.0.0.1:5000/v2/x/y/blobs/uploads/abc?_state=s1"));
        assertThat(Locations.resolve(POST, "abc", "POST"))
                .isEqualTo(URI.create("http://127.0.0.1:5000/v2/x/y/blobs/uploads/abc"));
    }

    @Test
    void resolve_absoluteUrl_isKept() {
        assertThat(Locations.resolve(POST, "https://storage.example/upload/1?sig=x", "POST"))
                .isEqualTo(URI.create("https://storage.example/upload/1?sig=x"));
    }

    @Test
    void resolve_missingOrUnusable_failsNamingTheCall() {
        assertThatThrownBy(() -> Locations.resolve(POST, null, "POST"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("Post \"http://127.0.0.1:5000/v2/x/y/blobs/uploads/\": registry sent no Location header");
        assertThatThrownBy(() -> Locations.resolve(POST, "ftp://host/x", "POST"))
                .hasMessage("Post \"http://127.0.0.1:5000/v2/x/y/blobs/uploads/\": invalid Location header "
                        + "\"ftp://host/x\": not an http(s) URL");
    }

    @Test
    void withQuery_keepsTheSessionsParameters() {
        assertThat(Locations.withQuery(URI.create("http://h/v2/x/blobs/uploads/u?_state=a%3Db"), "digest", "sha256:ab"))
                .isEqualTo(URI.create("http://h/v2/x/blobs/uploads/u?_state=a%3Db&digest=sha256%3Aab"));
        assertThat(Locations.withQuery(URI.create("http://h/v2/x/blobs/uploads/u"), "digest", "sha256:ab"))
                .isEqualTo(URI.create("http://h/v2/x/blobs/uploads/u?digest=sha256%3Aab"));
    }
}
