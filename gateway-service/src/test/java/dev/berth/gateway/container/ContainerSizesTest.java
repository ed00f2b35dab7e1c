package dev.berth.gateway.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContainerSizesTest {

    private static Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("Id", "c1");
        view.put("Ports", List.of());
        view.put("Labels", Map.of());
        return view;
    }

    @Test
    void withSize_putsBothAfterTheNamedEntry() {
        Map<String, Object> sized = ContainerSizes.withSize(view(), new ContainerSizes.Size(10, 110), "Ports");

        assertThat(sized.keySet()).containsExactly("Id", "Ports", "SizeRw", "SizeRootFs", "Labels");
        assertThat(sized).containsEntry("SizeRw", 10L).containsEntry("SizeRootFs", 110L);
    }

    @Test
    void withSize_noSize_leavesThemAbsent() {
        assertThat(ContainerSizes.withSize(view(), null, "Ports")).doesNotContainKeys("SizeRw", "SizeRootFs");
    }

    @Test
    void withSize_entryMissing_putsThemLast() {
        Map<String, Object> sized = ContainerSizes.withSize(view(), new ContainerSizes.Size(1, 2), "GraphDriver");

        assertThat(sized.keySet()).containsExactly("Id", "Ports", "Labels", "SizeRw", "SizeRootFs");
    }
}
