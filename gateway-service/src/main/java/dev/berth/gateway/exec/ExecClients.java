package dev.berth.gateway.exec;

import dev.berth.proto.v1.ExecRouterGrpc;
import io.grpc.ManagedChannel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** container-service's exec router, on its channel. */
@Configuration(proxyBeanMethods = false)
class ExecClients {

    @Bean
    ExecRouterGrpc.ExecRouterBlockingStub execRouter(ManagedChannel containerServiceChannel) {
        return ExecRouterGrpc.newBlockingStub(containerServiceChannel);
    }
}
