package dev.berth.container.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.ContainerFiles;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkState;

/** Configs are stored as proto JSON so the columns stay readable and portable. */
public final class ProtoJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private ProtoJson() {
    }

    public static String write(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName(), e);
        }
    }

    public static ContainerConfig readConfig(String json) {
        ContainerConfig.Builder builder = ContainerConfig.newBuilder();
        merge(json, builder);
        return builder.build();
    }

    public static ContainerFiles readFiles(String json) {
        ContainerFiles.Builder builder = ContainerFiles.newBuilder();
        merge(json, builder);
        return builder.build();
    }

    /** Null for none (an empty column). */
    public static NetworkState readNetwork(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        NetworkState.Builder builder = NetworkState.newBuilder();
        merge(json, builder);
        return builder.build();
    }

    public static HostConfig readHostConfig(String json) {
        HostConfig.Builder builder = HostConfig.newBuilder();
        merge(json, builder);
        return builder.build();
    }

    private static void merge(String json, Message.Builder builder) {
        try {
            PARSER.merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored JSON is not a " + builder.getDescriptorForType().getName(), e);
        }
    }
}
