package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListFiltersTest {

    @Test
    void parse_listForm() {
        assertThat(ListFilters.parse("{\"status\":[\"running\",\"exited\"],\"label\":[\"a=b\"]}")).containsExactly(
                Filter.newBuilder().setKey("status").addValues("running").addValues("exited").build(),
                Filter.newBuilder().setKey("label").addValues("a=b").build());
    }

    @Test
    void parse_oldMapForm_keepsTrueValues() {
        assertThat(ListFilters.parse("{\"status\":{\"running\":true,\"exited\":false}}")).containsExactly(
                Filter.newBuilder().setKey("status").addValues("running").build());
    }

    @Test
    void parse_absentOrEmpty_isNoFilter() {
        assertThat(ListFilters.parse(null)).isEqualTo(List.of());
        assertThat(ListFilters.parse("")).isEqualTo(List.of());
        assertThat(ListFilters.parse("{}")).isEqualTo(List.of());
    }

    @Test
    void parse_badJson_isBadRequest() {
        assertThatThrownBy(() -> ListFilters.parse("{status"))
                .isInstanceOf(DockerApiException.class).hasMessageStartingWith("invalid filter");
        assertThatThrownBy(() -> ListFilters.parse("{\"status\":\"running\"}"))
                .isInstanceOf(DockerApiException.class).hasMessageStartingWith("invalid filter");
    }
}
