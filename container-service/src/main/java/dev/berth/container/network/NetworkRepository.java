package dev.berth.container.network;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface NetworkRepository extends ListCrudRepository<NetworkRow, String> {

    Optional<NetworkRow> findByName(String name);

    /** Two are enough to tell a unique prefix from an ambiguous one. */
    List<NetworkRow> findTop2ByIdStartingWith(String prefix);

    List<NetworkRow> findAllByOrderByCreatedAtAscNameAsc();
}
