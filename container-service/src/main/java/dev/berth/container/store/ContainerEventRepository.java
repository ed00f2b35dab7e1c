package dev.berth.container.store;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface ContainerEventRepository extends ListCrudRepository<ContainerEventRow, Long> {

    List<ContainerEventRow> findByContainerIdOrderBySeq(String containerId);

    @Modifying
    @Query("DELETE FROM container_events WHERE container_id = :containerId")
    int deleteByContainerId(String containerId);
}
