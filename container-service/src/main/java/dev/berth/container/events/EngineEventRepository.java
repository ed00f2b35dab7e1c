package dev.berth.container.events;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface EngineEventRepository extends ListCrudRepository<EngineEventRow, Long> {

    @Query("SELECT * FROM engine_events WHERE time_nano >= :sinceNano AND time_nano <= :untilNano ORDER BY seq")
    List<EngineEventRow> findBetween(long sinceNano, long untilNano);
}
