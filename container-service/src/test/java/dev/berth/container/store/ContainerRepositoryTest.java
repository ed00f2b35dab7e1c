package dev.berth.container.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.berth.container.naming.ContainerIds;

/** The repositories against H2 with the real Flyway migrations. */
@DataJdbcTest
@Import(StoreConfiguration.class)
class ContainerRepositoryTest {

    @Autowired
    ContainerRepository containers;

    @Autowired
    ContainerEventRepository events;

    @Autowired
    NodeRepository nodes;

    private static ContainerRow row(String id, String name, String status, OffsetDateTime created) {
        return new ContainerRow(id, name, "sha256:" + "a".repeat(64), "busybox", "{\"image\":\"busybox\"}",
                "{\"autoRemove\":true}", status, 0, 0, "", false, created, null, null, 0, "local", "{}", 0,
                ContainerRow.NO_RUN, StopIntent.NONE, "", null);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void save_insertsNewRowAndReadsItBack() {
        OffsetDateTime now = Times.now();
        ContainerRow saved = containers.save(row(ContainerIds.newId(), "web", "created", now));

        ContainerRow read = containers.findByName("web").orElseThrow();

        assertThat(saved.version()).isNotNull();
        assertThat(read.id()).isEqualTo(saved.id());
        assertThat(read.createdAt().toInstant()).isEqualTo(now.toInstant());
        assertThat(ProtoJson.readHostConfig(read.hostConfig()).getAutoRemove()).isTrue();
        assertThat(read.startedAt()).isNull();
    }

    @Test
    void save_staleVersionIsOptimisticLockFailure() {
        ContainerRow saved = containers.save(row(ContainerIds.newId(), "web", "created", Times.now()));
        containers.save(saved.withStatus("running"));

        assertThatThrownBy(() -> containers.save(saved.withStatus("removing")))
                .satisfies(e -> assertThat(causedBy(e, OptimisticLockingFailureException.class)).isTrue());
    }

    @Test
    void save_duplicateNameIsDuplicateKey() {
        containers.save(row(ContainerIds.newId(), "web", "created", Times.now()));

        assertThatThrownBy(() -> containers.save(row(ContainerIds.newId(), "web", "created", Times.now())))
                .satisfies(e -> assertThat(causedBy(e, DuplicateKeyException.class)).isTrue());
    }

    @Test
    void findTop2ByIdStartingWith_findsPrefixes() {
        String a = "abc1" + "0".repeat(60);
        String b = "abc2" + "0".repeat(60);
        containers.save(row(a, "a", "created", Times.now()));
        containers.save(row(b, "b", "created", Times.now()));

        assertThat(containers.findTop2ByIdStartingWith("abc")).hasSize(2);
        assertThat(containers.findTop2ByIdStartingWith("abc2")).extracting(ContainerRow::id).containsExactly(b);
        assertThat(containers.findTop2ByIdStartingWith("abd")).isEmpty();
    }

    @Test
    void findAllByOrderByCreatedAtDescIdDesc_isNewestFirst() {
        OffsetDateTime t = Times.now();
        containers.save(row(ContainerIds.newId(), "old", "created", t.minusSeconds(10)));
        containers.save(row(ContainerIds.newId(), "new", "created", t));
        containers.save(row(ContainerIds.newId(), "mid", "created", t.minusSeconds(5)));

        assertThat(containers.findAllByOrderByCreatedAtDescIdDesc()).extracting(ContainerRow::name)
                .containsExactly("new", "mid", "old");
    }

    @Test
    void countByStatusAndNode() {
        containers.save(row(ContainerIds.newId(), "a", "running", Times.now()));
        containers.save(row(ContainerIds.newId(), "b", "running", Times.now()));
        containers.save(row(ContainerIds.newId(), "c", "exited", Times.now()));

        assertThat(containers.countByStatus("running")).isEqualTo(2);
        assertThat(containers.countByNodeId("local")).isEqualTo(3);
        assertThat(containers.countByNodeId("other")).isZero();
    }

    @Test
    void events_areNumberedInOrder() {
        events.save(new ContainerEventRow(null, "c1", "create", Times.now(), "{}"));
        events.save(new ContainerEventRow(null, "c1", "start", Times.now(), "{\"pid\":\"42\"}"));

        List<ContainerEventRow> read = events.findByContainerIdOrderBySeq("c1");

        assertThat(read).extracting(ContainerEventRow::eventType).containsExactly("create", "start");
        assertThat(read.get(1).seq()).isGreaterThan(read.get(0).seq());
    }

    @Test
    void nodes_insertThenUpdateAddress() {
        NodeRow inserted = nodes.save(new NodeRow("n1", "127.0.0.1:1", Times.now(), null));
        nodes.save(inserted.withAddress("127.0.0.1:2"));

        assertThat(nodes.findById("n1").orElseThrow().address()).isEqualTo("127.0.0.1:2");
    }
}
