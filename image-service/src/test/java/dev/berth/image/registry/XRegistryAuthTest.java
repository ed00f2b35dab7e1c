package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;

class XRegistryAuthTest {

    @Test
    void decode_base64UrlJson_givesAllFields() {
        String header = Base64.getUrlEncoder().encodeToString(("{\"username\":\"ann\",\"password\":\"s3cret\","
                + "\"serveraddress\":\"127.0.0.1:5000\",\"identitytoken\":\"id-tok\",\"registrytoken\":\"reg-tok\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(XRegistryAuth.decode(header))
                .isEqualTo(new RegistryCredentials("ann", "s3cret", "id-tok", "reg-tok"));
    }

    @Test
    void decode_standardBase64WithoutPadding_isAccepted() {
        // "?>" encodes to '+' and '/' in standard base64, which base64url spells '-' and '_'
        String json = "{\"username\":\"b?>\",\"password\":\"p?>?\"}";
        String standard = Base64.getEncoder().withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertThat(standard).containsAnyOf("+", "/");
        assertThat(XRegistryAuth.decode(standard)).isEqualTo(RegistryCredentials.basic("b?>", "p?>?"));
    }

    @Test
    void decode_legacyAuthField_givesUsernameAndPassword() {
        String auth = Base64.getEncoder().encodeToString("carl:pa:ss".getBytes(StandardCharsets.UTF_8));
        String header = Base64.getUrlEncoder().encodeToString(("{\"auth\":\"" + auth + "\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(XRegistryAuth.decode(header)).isEqualTo(RegistryCredentials.basic("carl", "pa:ss"));
    }

    @Test
    void decode_emptyOrMissing_givesAnonymous() {
        assertThat(XRegistryAuth.decode(null)).isEqualTo(RegistryCredentials.anonymous());
        assertThat(XRegistryAuth.decode("")).isEqualTo(RegistryCredentials.anonymous());
        assertThat(XRegistryAuth.decode(Base64.getUrlEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(RegistryCredentials.anonymous());
    }

    @Test
    void decode_notBase64_failsWithDockersPrefix() {
        assertThatThrownBy(() -> XRegistryAuth.decode("!!!"))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid X-Registry-Auth header: Illegal base64 character 21");
    }

    @Test
    void decode_notJsonObject_failsWithDockersPrefix() {
        String array = Base64.getUrlEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> XRegistryAuth.decode(array))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid X-Registry-Auth header: not a JSON object");
    }

    @Test
    void toString_hidesSecrets() {
        assertThat(new RegistryCredentials("ann", "s3cret", "id", "reg").toString())
                .isEqualTo("RegistryCredentials[username=ann]");
    }
}
