package dev.berth.container.store;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface ContainerRepository extends ListCrudRepository<ContainerRow, String> {

    Optional<ContainerRow> findByName(String name);

    /** Two are enough to tell a unique prefix from an ambiguous one. */
    List<ContainerRow> findTop2ByIdStartingWith(String prefix);

    List<ContainerRow> findAllByOrderByCreatedAtDescIdDesc();

    List<ContainerRow> findByNodeId(String nodeId);

    long countByNodeId(String nodeId);

    long countByStatus(String status);

    List<ContainerRow> findByStatus(String status);

    /** The containers whose run is on a network (the column is empty otherwise). */
    List<ContainerRow> findByNetworkNot(String none);
}
