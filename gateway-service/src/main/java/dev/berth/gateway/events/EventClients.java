package dev.berth.gateway.events;

import dev.berth.proto.v1.EngineEventsGrpc;
import io.grpc.ManagedChannel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Stubs of container-service's event log (on its channel). */
@Configuration(proxyBeanMethods = false)
class EventClients {

    @Bean
    EngineEventsGrpc.EngineEventsStub engineEventsAsync(ManagedChannel containerServiceChannel) {
        return EngineEventsGrpc.newStub(containerServiceChannel);
    }

    @Bean
    EngineEventsGrpc.EngineEventsBlockingStub engineEvents(ManagedChannel containerServiceChannel) {
        return EngineEventsGrpc.newBlockingStub(containerServiceChannel);
    }
}
