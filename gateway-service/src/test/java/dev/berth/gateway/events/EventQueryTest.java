package dev.berth.gateway.events;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.EngineEventFilter;
import dev.berth.proto.v1.WatchEngineEventsRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventQueryTest {

    @Test
    void parse_timestampsAsTheCliSendsThem_inNanoseconds() {
        WatchEngineEventsRequest request = EventQuery.parse("1700000000.5", "1700000001.000000001", "");
        assertThat(request.getSinceNano()).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(request.getUntilNano()).isEqualTo(1_700_000_001_000_000_001L);
    }

    @Test
    void parse_noTimes_meansLiveOnly() {
        WatchEngineEventsRequest request = EventQuery.parse("", "", "");
        assertThat(request.getSinceNano()).isZero();
        assertThat(request.getUntilNano()).isZero();
    }

    @Test
    void parse_sinceZero_isTheEpoch_notAbsent() {
        assertThat(EventQuery.parse("0", "", "").getSinceNano()).isEqualTo(1);
    }

    @Test
    void parse_filters_bothJsonForms() {
        WatchEngineEventsRequest request = EventQuery.parse("", "",
                "{\"type\":{\"container\":true},\"label\":[\"a=b\",\"c\"]}");
        assertThat(request.getFiltersList()).containsExactlyInAnyOrder(
                EngineEventFilter.newBuilder().setKey("type").addValues("container").build(),
                EngineEventFilter.newBuilder().setKey("label").addValues("a=b").addValues("c").build());
    }

    @Test
    void parse_unknownFilter_isRefusedByName() {
        assertThatThrownBy(() -> EventQuery.parse("", "", "{\"colour\":{\"red\":true}}"))
                .isInstanceOf(DockerApiException.class).hasMessage("invalid filter 'colour'");
    }

    @Test
    void parse_sinceAfterUntil_isRefusedInDockersWords() {
        assertThatThrownBy(() -> EventQuery.parse("20", "10", ""))
                .isInstanceOf(DockerApiException.class)
                .hasMessage("`since` time (20) cannot be after `until` time (10)");
    }

    @Test
    void parse_aTimestampThatIsNot_isRefused() {
        assertThatThrownBy(() -> EventQuery.parse("yesterday", "", ""))
                .isInstanceOf(DockerApiException.class)
                .hasMessage("strconv.ParseInt: parsing \"yesterday\": invalid syntax");
    }
}
