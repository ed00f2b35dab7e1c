package dev.berth.container.store;

import org.springframework.data.repository.ListCrudRepository;

public interface NodeRepository extends ListCrudRepository<NodeRow, String> {
}
