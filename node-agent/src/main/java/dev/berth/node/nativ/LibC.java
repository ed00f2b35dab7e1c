package dev.berth.node.nativ;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The libc calls jnr-posix lacks: mounts, SEQPACKET sockets, xattrs, pipes and poll. */
public interface LibC {
    int AF_UNIX = 1;
    int SOCK_SEQPACKET = 5;
    int SOCK_CLOEXEC = 0x80000;
    int O_PATH = 0x200000;
    int O_CLOEXEC = 0x80000;
    int O_RDONLY = 0;
    int O_NONBLOCK = 0x800;
    int ENOENT = 2;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;
    int MNT_DETACH = 2;
    int EINTR = 4;
    short POLLIN = 1;

    int pipe2(@Out int[] fds, int flags);

    /** {@code fds} holds struct pollfd as ints: the descriptor, then events | revents << 16. */
    int poll(@In @Out int[] fds, long nfds, int timeoutMillis);

    int mount(String source, String target, String fsType, long flags, String data);

    int umount2(String target, int flags);

    int socket(int domain, int type, int protocol);

    int connect(int fd, @In byte[] address, int length);

    @ssize_t long read(int fd, @Out byte[] buffer, @size_t long count);

    @ssize_t long write(int fd, @In byte[] buffer, @size_t long count);

    int shutdown(int fd, int how);

    int close(int fd);

    int open(String path, int flags, int mode);

    @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

    int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);

    /** glibc 2.33+ exports mknod itself; dev_t is 64 bits. */
    int mknod(String path, int mode, long dev);

    String strerror(int errno);
}
