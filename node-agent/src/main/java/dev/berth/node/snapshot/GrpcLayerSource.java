package dev.berth.node.snapshot;

import dev.berth.node.config.NodeProperties;
import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.BlobChunk;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ReadBlobRequest;
import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import dev.berth.proto.channel.Channels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Layers from the image-service over gRPC (GetImage, ReadBlob). */
@Component
class GrpcLayerSource implements LayerSource {

    private final ManagedChannel channel;

    GrpcLayerSource(GrpcChannelFactory channels, NodeProperties properties) {
        this.channel = Channels.create(channels, "image-service", properties.imageServiceAddress());
    }

    @Override
    public List<LayerRef> layers(String imageId) {
        try {
            Image image = ImageServiceGrpc.newBlockingStub(channel)
                    .getImage(GetImageRequest.newBuilder().setReference(imageId).build());
            return image.getLayersList().stream()
                    .map(l -> new LayerRef(l.getDigest(), l.getDiffId(), l.getMediaType()))
                    .toList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw BerthException.notFound("No such image: " + imageId);
            }
            throw BerthException.internal("image-service: " + e.getStatus(), e);
        }
    }

    @Override
    public InputStream openBlob(String digest) {
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            Iterator<BlobChunk> chunks = ImageServiceGrpc.newBlockingStub(channel)
                    .readBlob(ReadBlobRequest.newBuilder().setDigest(digest).build());
            return new ChunkInputStream(chunks, context);
        } finally {
            context.detach(previous);
        }
    }

    @PreDestroy
    void close() {
        channel.shutdownNow();
    }

    /** Turns the chunk stream into bytes; closing early cancels the call. */
    private static final class ChunkInputStream extends InputStream {
        private final Iterator<BlobChunk> chunks;
        private final Context.CancellableContext context;
        private ByteString current = ByteString.EMPTY;
        private int position;

        ChunkInputStream(Iterator<BlobChunk> chunks, Context.CancellableContext context) {
            this.chunks = chunks;
            this.context = context;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position >= current.size()) {
                try {
                    if (!chunks.hasNext()) {
                        return -1;
                    }
                    current = chunks.next().getData();
                    position = 0;
                } catch (StatusRuntimeException e) {
                    throw new IOException("reading blob: " + e.getStatus(), e);
                }
            }
            int n = Math.min(length, current.size() - position);
            current.copyTo(buffer, position, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            context.cancel(null);
        }
    }
}
