package dev.berth.container.store;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface ContainerEventRepository extends ListCrudRepository<ContainerEventRow, Long> {

    List<ContainerEventRow> findByContainerIdOrderBySeq(String containerId);
}
