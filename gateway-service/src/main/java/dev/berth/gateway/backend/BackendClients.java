package dev.berth.gateway.backend;

import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.NetworkServiceGrpc;
import dev.berth.proto.v1.NodeDirectoryGrpc;
import dev.berth.proto.v1.VolumeServiceGrpc;
import io.grpc.ManagedChannel;
import dev.berth.proto.channel.Channels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** The gRPC channels and stubs of the two central services. */
@Configuration(proxyBeanMethods = false)
class BackendClients {

    @Bean(destroyMethod = "shutdownNow")
    ManagedChannel imageServiceChannel(GrpcChannelFactory channels, GatewayProperties properties) {
        return Channels.create(channels, "image-service", properties.imageService());
    }

    @Bean(destroyMethod = "shutdownNow")
    ManagedChannel containerServiceChannel(GrpcChannelFactory channels, GatewayProperties properties) {
        return Channels.create(channels, "container-service", properties.containerService());
    }

    @Bean
    ImageServiceGrpc.ImageServiceBlockingStub imageService(ManagedChannel imageServiceChannel) {
        return ImageServiceGrpc.newBlockingStub(imageServiceChannel);
    }

    @Bean
    ImageServiceGrpc.ImageServiceStub imageServiceAsync(ManagedChannel imageServiceChannel) {
        return ImageServiceGrpc.newStub(imageServiceChannel);
    }

    @Bean
    ContainerServiceGrpc.ContainerServiceBlockingStub containerService(ManagedChannel containerServiceChannel) {
        return ContainerServiceGrpc.newBlockingStub(containerServiceChannel);
    }

    @Bean
    ContainerServiceGrpc.ContainerServiceStub containerServiceAsync(ManagedChannel containerServiceChannel) {
        return ContainerServiceGrpc.newStub(containerServiceChannel);
    }

    @Bean
    NodeDirectoryGrpc.NodeDirectoryBlockingStub nodeDirectory(ManagedChannel containerServiceChannel) {
        return NodeDirectoryGrpc.newBlockingStub(containerServiceChannel);
    }

    @Bean
    NetworkServiceGrpc.NetworkServiceBlockingStub networkService(ManagedChannel containerServiceChannel) {
        return NetworkServiceGrpc.newBlockingStub(containerServiceChannel);
    }

    @Bean
    VolumeServiceGrpc.VolumeServiceBlockingStub volumeService(ManagedChannel containerServiceChannel) {
        return VolumeServiceGrpc.newBlockingStub(containerServiceChannel);
    }
}
