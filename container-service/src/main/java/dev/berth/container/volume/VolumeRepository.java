package dev.berth.container.volume;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface VolumeRepository extends ListCrudRepository<VolumeRow, String> {

    List<VolumeRow> findAllByOrderByNameAsc();
}
