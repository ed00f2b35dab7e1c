package dev.berth.node.spec.security.seccomp;

import dev.berth.node.spec.security.seccomp.SeccompProfile.Arg;
import dev.berth.node.spec.security.seccomp.SeccompProfile.ArchMap;
import dev.berth.node.spec.security.seccomp.SeccompProfile.Filter;
import dev.berth.node.spec.security.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Docker's default seccomp profile (the facts of moby's profiles/seccomp/default.json as of Docker
 * 28.2, the version of the docker CLI Berth is checked with), built as
 * typed rules: everything not allowed fails with EPERM; a common allow list; syscalls that need a
 * capability (mount, unshare, ptrace, reboot...) allowed only when the container has it; clone
 * without namespace flags for everyone else; clone3 answered ENOSYS so that libc falls back to clone.
 * io_uring is not allowed (Docker 25 on). Names runc's libseccomp does not know are skipped by runc.
 */
public final class DefaultSeccompProfile {

    static final int EPERM = 1;
    static final int ENOSYS = 38;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET: clone must not ask for these. */
    static final long CLONE_NAMESPACE_FLAGS = 0x7E020000L;
    /** AF_VSOCK: socket(2) of this family is refused. */
    static final long AF_VSOCK = 40;

    /** Allowed for every container, on every architecture. */
    static final List<String> ALLOWED = names("""
            accept accept4 access adjtimex alarm bind brk cachestat capget capset chdir chmod chown chown32
            clock_adjtime clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64
            clock_nanosleep clock_nanosleep_time64 close close_range connect copy_file_range creat dup dup2 dup3
            epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old
            eventfd eventfd2 execve execveat exit exit_group faccessat faccessat2 fadvise64 fadvise64_64 fallocate
            fanotify_mark fchdir fchmod fchmodat fchmodat2 fchown fchown32 fchownat fcntl fcntl64 fdatasync
            fgetxattr flistxattr flock fork fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs fstatfs64 fsync
            ftruncate ftruncate64 futex futex_requeue futex_time64 futex_wait futex_waitv futex_wake futimesat
            getcpu getcwd getdents getdents64 getegid getegid32 geteuid geteuid32 getgid getgid32 getgroups
            getgroups32 getitimer getpeername getpgid getpgrp getpid getppid getpriority getrandom getresgid
            getresgid32 getresuid getresuid32 getrlimit get_robust_list getrusage getsid getsockname getsockopt
            get_thread_area gettid gettimeofday getuid getuid32 getxattr getxattrat inotify_add_watch inotify_init
            inotify_init1 inotify_rm_watch io_cancel ioctl io_destroy io_getevents io_pgetevents
            io_pgetevents_time64 ioprio_get ioprio_set io_setup io_submit ipc kill landlock_add_rule
            landlock_create_ruleset landlock_restrict_self lchown lchown32 lgetxattr link linkat listen listmount
            listxattr listxattrat llistxattr _llseek lremovexattr lseek lsetxattr lstat lstat64 madvise
            map_shadow_stack membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat mlock mlock2
            mlockall mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64
            mq_timedsend mq_timedsend_time64 mq_unlink mremap mseal msgctl msgget msgrcv msgsnd msync munlock
            munlockall munmap name_to_handle_at nanosleep newfstatat _newselect open openat openat2 pause
            pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free pkey_mprotect poll ppoll ppoll_time64
            prctl pread64 preadv preadv2 prlimit64 process_mrelease pselect6 pselect6_time64 pwrite64 pwritev
            pwritev2 read readahead readlink readlinkat readv recv recvfrom recvmmsg recvmmsg_time64 recvmsg
            remap_file_pages removexattr removexattrat rename renameat renameat2 restart_syscall riscv_hwprobe
            rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend
            rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo sched_getaffinity sched_getattr
            sched_getparam sched_get_priority_max sched_get_priority_min sched_getscheduler sched_rr_get_interval
            sched_rr_get_interval_time64 sched_setaffinity sched_setattr sched_setparam sched_setscheduler
            sched_yield seccomp select semctl semget semop semtimedop semtimedop_time64 send sendfile sendfile64
            sendmmsg sendmsg sendto setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32 setgroups setgroups32
            setitimer setpgid setpriority setregid setregid32 setresgid setresgid32 setresuid setresuid32 setreuid
            setreuid32 setrlimit set_robust_list setsid setsockopt set_thread_area set_tid_address setuid setuid32
            setxattr setxattrat shmat shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4 sigprocmask
            sigreturn socketcall socketpair splice stat stat64 statfs statfs64 statmount statx symlink symlinkat
            sync sync_file_range syncfs sysinfo tee tgkill time timer_create timer_delete timer_getoverrun
            timer_gettime timer_gettime64 timer_settime timer_settime64 timerfd_create timerfd_gettime
            timerfd_gettime64 timerfd_settime timerfd_settime64 times tkill truncate truncate64 ugetrlimit umask
            uname unlink unlinkat uretprobe utime utimensat utimensat_time64 utimes vfork vmsplice wait4 waitid
            waitpid write writev
            """);

    /** What CAP_SYS_ADMIN unlocks: mounts, namespaces, bpf, perf, hostname, LSM attributes. */
    static final List<String> SYS_ADMIN = names("""
            bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie lsm_get_self_attr
            lsm_list_modules lsm_set_self_attr mount mount_setattr move_mount open_tree perf_event_open quotactl
            quotactl_fd setdomainname sethostname setns syslog umount umount2 unshare
            """);

    /** personality(2) values allowed: PER_LINUX, UNAME26, PER_LINUX32, UNAME26|PER_LINUX32, query. */
    static final List<Long> PERSONALITIES = List.of(0L, 0x8L, 0x20000L, 0x20008L, 0xFFFFFFFFL);

    private DefaultSeccompProfile() {
    }

    public static SeccompProfile get() {
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.allow(ALLOWED));
        rules.add(Rule.allow(names("process_vm_readv process_vm_writev ptrace"))
                .withIncludes(new Filter(null, null, "4.8")));
        rules.add(Rule.allow(List.of("socket")).withArgs(List.of(new Arg(0, AF_VSOCK, 0, "SCMP_CMP_NE"))));
        for (long persona : PERSONALITIES) {
            rules.add(Rule.allow(List.of("personality")).withArgs(List.of(new Arg(0, persona, 0, "SCMP_CMP_EQ"))));
        }
        archRules(rules);
        capabilityRules(rules);
        return new SeccompProfile("SCMP_ACT_ERRNO", EPERM, null, archMap(), List.copyOf(rules), null);
    }

    private static void archRules(List<Rule> rules) {
        rules.add(Rule.allow(names("sync_file_range2 swapcontext")).withIncludes(Filter.arches("ppc64le")));
        rules.add(Rule.allow(names("arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls"))
                .withIncludes(Filter.arches("arm", "arm64")));
        rules.add(Rule.allow(List.of("arch_prctl")).withIncludes(Filter.arches("amd64", "x32")));
        rules.add(Rule.allow(List.of("modify_ldt")).withIncludes(Filter.arches("amd64", "x32", "x86")));
        rules.add(Rule.allow(names("s390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr"))
                .withIncludes(Filter.arches("s390", "s390x")));
        rules.add(Rule.allow(List.of("riscv_flush_icache")).withIncludes(Filter.arches("riscv64")));
    }

    private static void capabilityRules(List<Rule> rules) {
        rules.add(Rule.allow(List.of("open_by_handle_at")).withIncludes(Filter.caps("CAP_DAC_READ_SEARCH")));
        rules.add(Rule.allow(SYS_ADMIN).withIncludes(Filter.caps("CAP_SYS_ADMIN")));
        // Without CAP_SYS_ADMIN, clone only without namespace flags (s390 swaps clone's first two arguments).
        rules.add(Rule.allow(List.of("clone"))
                .withArgs(List.of(new Arg(0, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")))
                .withExcludes(new Filter(List.of("CAP_SYS_ADMIN"), List.of("s390", "s390x"), null)));
        rules.add(Rule.allow(List.of("clone"))
                .withArgs(List.of(new Arg(1, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")))
                .withIncludes(Filter.arches("s390", "s390x"))
                .withExcludes(Filter.caps("CAP_SYS_ADMIN")));
        // clone3's flags are in memory, out of seccomp's reach: ENOSYS makes libc use clone instead.
        rules.add(new Rule(null, List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS, null, null, Filter.caps("CAP_SYS_ADMIN")));
        rules.add(Rule.allow(List.of("reboot")).withIncludes(Filter.caps("CAP_SYS_BOOT")));
        rules.add(Rule.allow(List.of("chroot")).withIncludes(Filter.caps("CAP_SYS_CHROOT")));
        rules.add(Rule.allow(names("delete_module init_module finit_module")).withIncludes(Filter.caps("CAP_SYS_MODULE")));
        rules.add(Rule.allow(List.of("acct")).withIncludes(Filter.caps("CAP_SYS_PACCT")));
        rules.add(Rule.allow(names("kcmp pidfd_getfd process_madvise process_vm_readv process_vm_writev ptrace"))
                .withIncludes(Filter.caps("CAP_SYS_PTRACE")));
        rules.add(Rule.allow(names("iopl ioperm")).withIncludes(Filter.caps("CAP_SYS_RAWIO")));
        rules.add(Rule.allow(names("settimeofday stime clock_settime clock_settime64")).withIncludes(Filter.caps("CAP_SYS_TIME")));
        rules.add(Rule.allow(List.of("vhangup")).withIncludes(Filter.caps("CAP_SYS_TTY_CONFIG")));
        rules.add(Rule.allow(names("get_mempolicy mbind set_mempolicy set_mempolicy_home_node"))
                .withIncludes(Filter.caps("CAP_SYS_NICE")));
        rules.add(Rule.allow(List.of("syslog")).withIncludes(Filter.caps("CAP_SYSLOG")));
        rules.add(Rule.allow(List.of("bpf")).withIncludes(Filter.caps("CAP_BPF")));
        rules.add(Rule.allow(List.of("perf_event_open")).withIncludes(Filter.caps("CAP_PERFMON")));
    }

    private static List<ArchMap> archMap() {
        return List.of(
                new ArchMap("SCMP_ARCH_X86_64", List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32")),
                new ArchMap("SCMP_ARCH_AARCH64", List.of("SCMP_ARCH_ARM")),
                new ArchMap("SCMP_ARCH_MIPS64", List.of("SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32")),
                new ArchMap("SCMP_ARCH_MIPS64N32", List.of("SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64")),
                new ArchMap("SCMP_ARCH_MIPSEL64", List.of("SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32")),
                new ArchMap("SCMP_ARCH_MIPSEL64N32", List.of("SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64")),
                new ArchMap("SCMP_ARCH_S390X", List.of("SCMP_ARCH_S390")),
                new ArchMap("SCMP_ARCH_RISCV64", List.of()));
    }

    private static List<String> names(String text) {
        return Arrays.stream(text.trim().split("\\s+")).toList();
    }
}
