/*
 * drydock-init: the native half of Drydock's OCI runtime, in the manner of runc's nsexec.
 *
 * C# decides, this file executes. Drydock spawns drydock-init with posix_spawn; fd 3 is a SOCK_SEQPACKET
 * socket carrying one message: the plan, a sequence of NUL-terminated tokens computed by RuntimePlan.cs.
 * The plan has a parent part (clone flags, id maps, cgroups) and a child part: an ordered list of
 * operations (mounts, /dev nodes, pivot_root, hostname, rlimits, identity, exec) run in the new namespaces.
 *
 * Messages back on fd 3 (one per datagram):
 *   "P<pid>"                       the container process exists (its host pid)
 *   "T" + SCM_RIGHTS fd            the pty master (terminal=true without a console socket)
 *   "E<stage>\0<errno>\0<message>" setting up the container failed at <stage>
 *   "X"                            the process exec'd (EOF on a close-on-exec pipe)
 *   "W<code>"                      the process exited: its code, or 128+signal
 * When fd 3 hangs up (the Drydock process died) the container is killed, so nothing outlives its owner.
 * drydock-init is single-threaded, so it may unshare/clone into every namespace, which .NET cannot.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define PLAN_FD 3
#define PLAN_MAX (1 << 20)

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

static char s_plan[PLAN_MAX];
static size_t s_plan_len, s_pos;
static int s_err_fd = PLAN_FD; /* where failures go: fd 3 in the parent, the exec pipe in the child */
static const char *s_stage = "plan";
static int s_root_fd = -1;
static int s_console_fd = -1; /* --console-socket, connected before pivot_root while its path is visible */
static int s_fifo_fd = -1; /* `create`: the exec fifo, opened before pivot_root and written to by `start` */
static char s_root_path[PATH_MAX];

static void send_msg(int fd, const char *buf, size_t len)
{
    while (send(fd, buf, len, MSG_NOSIGNAL) < 0 && errno == EINTR) {}
}

static void write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) { if (errno == EINTR) continue; return; }
        buf += n; len -= (size_t)n;
    }
}

/* Reports {stage, errno, message} and exits: the only way this program fails. */
__attribute__((noreturn, format(printf, 2, 3)))
static void fail(int err, const char *fmt, ...)
{
    char buf[4096];
    int n = snprintf(buf, sizeof buf, "E%s%c%d%c", s_stage, 0, err, 0);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m >= sizeof buf - (size_t)n ? sizeof buf - (size_t)n - 1 : (size_t)m);
    if (s_err_fd == PLAN_FD) send_msg(PLAN_FD, buf, len); else write_all(s_err_fd, buf, len);
    _exit(127);
}

static const char *next(void)
{
    if (s_pos >= s_plan_len) { errno = EINVAL; fail(EINVAL, "plan ended early"); }
    const char *s = s_plan + s_pos;
    size_t n = strnlen(s, s_plan_len - s_pos);
    if (s_pos + n >= s_plan_len) fail(EINVAL, "plan token not terminated");
    s_pos += n + 1;
    return s;
}

static unsigned long long next_num(void)
{
    const char *s = next();
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end) fail(EINVAL, "plan number '%s' is malformed", s);
    return v;
}

/* ---- paths inside the root: resolved with RESOLVE_IN_ROOT so symlinks in an image cannot escape it ---- */

static int open_in_root(const char *path, int flags)
{
    struct open_how how = { .flags = (unsigned long long)flags | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT };
    while (*path == '/') path++;
    if (!*path) path = ".";
    return (int)syscall(SYS_openat2, s_root_fd, path, &how, sizeof how);
}

static void mkdir_in_root(const char *path, mode_t mode)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != 0) continue;
        char saved = *p;
        *p = 0;
        int fd = open_in_root(buf, O_PATH | O_DIRECTORY);
        if (fd < 0 && errno == ENOENT) {
            char *slash = strrchr(buf, '/');
            *slash = 0;
            int parent = open_in_root(buf[0] ? buf : "/", O_PATH | O_DIRECTORY);
            *slash = '/';
            if (parent < 0) fail(errno, "cannot open '%s' in the root", buf);
            if (mkdirat(parent, slash + 1, mode) < 0 && errno != EEXIST) fail(errno, "cannot create directory '%s'", buf);
            close(parent);
            fd = open_in_root(buf, O_PATH | O_DIRECTORY);
        }
        if (fd < 0) fail(errno, "cannot open directory '%s' in the root", buf);
        close(fd);
        *p = saved;
        if (!saved) break;
    }
}

static void touch_in_root(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) { *slash = 0; mkdir_in_root(dir, 0755); }
    int fd = open_in_root(path, O_RDONLY);
    if (fd >= 0) { close(fd); return; }
    int parent = open_in_root(slash && slash != dir ? dir : "/", O_PATH | O_DIRECTORY);
    if (parent < 0) fail(errno, "cannot open parent of '%s'", path);
    const char *base = strrchr(path, '/');
    fd = openat(parent, base ? base + 1 : path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) fail(errno, "cannot create mount point '%s'", path);
    close(fd);
    close(parent);
}

/* "/proc/self/fd/N" of the resolved path: mount(2) takes a path, so the resolved fd is named through /proc. */
static int proc_fd_path(const char *path, int flags, char out[64])
{
    int fd = open_in_root(path, flags);
    if (fd < 0) fail(errno, "cannot resolve '%s' in the root", path);
    snprintf(out, 64, "/proc/self/fd/%d", fd);
    return fd;
}

static unsigned long locked_flags(const char *path)
{
    struct statvfs st;
    if (statvfs(path, &st) < 0) return 0;
    return st.f_flag & (ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_NOATIME | ST_NODIRATIME | ST_RELATIME);
}

/* ---- operations of the child part ---- */

/* The root filesystem mount. mount(2) takes at most a page of options, which an overlay of a deep layer chain
 * can exceed even with short lowerdir links: then the new mount API gets one "lowerdir+" per layer
 * (Linux >= 6.8, overlayfs Documentation "Specifying layers via file descriptors / lowerdir+"). */
static void mount_root(const char *src, const char *type, unsigned long flags, const char *data)
{
    if (strcmp(type, "overlay") || strlen(data) < 4096) {
        if (mount(src, s_root_path, *type ? type : NULL, flags, *data ? data : NULL) < 0)
            fail(errno, "cannot mount %s '%s' as the root filesystem", type, src);
        return;
    }
    int fs = fsopen("overlay", FSOPEN_CLOEXEC);
    if (fs < 0) fail(errno, "cannot mount an overlay of more layers than fit a page: fsopen(overlay)");
    char *options = strdup(data);
    if (!options) fail(ENOMEM, "cannot copy the overlay options");
    for (char *save = NULL, *opt = strtok_r(options, ",", &save); opt; opt = strtok_r(NULL, ",", &save)) {
        char *value = strchr(opt, '=');
        if (!value) {
            if (fsconfig(fs, FSCONFIG_SET_FLAG, opt, NULL, 0) < 0) fail(errno, "cannot set overlay option '%s'", opt);
            continue;
        }
        *value++ = '\0';
        if (strcmp(opt, "lowerdir")) {
            if (fsconfig(fs, FSCONFIG_SET_STRING, opt, value, 0) < 0) fail(errno, "cannot set overlay option '%s'", opt);
            continue;
        }
        for (char *lsave = NULL, *dir = strtok_r(value, ":", &lsave); dir; dir = strtok_r(NULL, ":", &lsave))
            if (fsconfig(fs, FSCONFIG_SET_STRING, "lowerdir+", dir, 0) < 0) fail(errno, "cannot add overlay lower layer '%s'", dir);
    }
    free(options);
    if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0) fail(errno, "cannot create the overlay of the root filesystem");
    int mnt = fsmount(fs, FSMOUNT_CLOEXEC, (flags & MS_RDONLY) ? MOUNT_ATTR_RDONLY : 0);
    if (mnt < 0) fail(errno, "cannot mount the overlay of the root filesystem");
    if (move_mount(mnt, "", AT_FDCWD, s_root_path, MOVE_MOUNT_F_EMPTY_PATH) < 0) fail(errno, "cannot move the root overlay to '%s'", s_root_path);
    close(mnt);
    close(fs);
}

static void op_mount(void)
{
    const char *src = next(), *dst = next(), *type = next();
    unsigned long flags = next_num(), pflags = next_num();
    const char *data = next();
    int bind = (int)next_num(), is_file = (int)next_num();
    if (is_file) touch_in_root(dst); else mkdir_in_root(dst, 0755);
    char target[64];
    int fd = proc_fd_path(dst, O_PATH, target);
    if (bind) {
        if (mount(src, target, NULL, MS_BIND | (flags & MS_REC), NULL) < 0) fail(errno, "cannot bind '%s' to '%s'", src, dst);
        unsigned long extra = flags & ~(unsigned long)(MS_BIND | MS_REC | MS_REMOUNT);
        if (extra) {
            close(fd);
            fd = proc_fd_path(dst, O_PATH, target);
            if (mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | extra | locked_flags(target), NULL) < 0)
                fail(errno, "cannot remount '%s' with its options", dst);
        }
    } else if (mount(src, target, type, flags, *data ? data : NULL) < 0) {
        fail(errno, "cannot mount %s '%s' on '%s'", type, src, dst);
    }
    if (pflags) {
        close(fd);
        fd = proc_fd_path(dst, O_PATH, target);
        if (mount(NULL, target, NULL, pflags, NULL) < 0) fail(errno, "cannot set propagation of '%s'", dst);
    }
    close(fd);
}

static void op_mknod(void)
{
    const char *path = next();
    mode_t mode = (mode_t)next_num();
    unsigned maj = (unsigned)next_num(), min = (unsigned)next_num();
    uid_t uid = (uid_t)next_num();
    gid_t gid = (gid_t)next_num();
    const char *host = next();
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    *slash = 0;
    mkdir_in_root(dir[0] ? dir : "/", 0755);
    int parent = open_in_root(dir[0] ? dir : "/", O_PATH | O_DIRECTORY);
    if (parent < 0) fail(errno, "cannot open '%s'", dir);
    if (mknodat(parent, slash + 1, mode, makedev(maj, min)) == 0) {
        if (fchownat(parent, slash + 1, uid, gid, AT_SYMLINK_NOFOLLOW) < 0) fail(errno, "cannot chown device '%s'", path);
        if (fchmodat(parent, slash + 1, mode & 07777, 0) < 0) fail(errno, "cannot chmod device '%s'", path);
    } else if (errno == EPERM && *host) {
        /* in a user namespace mknod is refused: bind the host's node instead, as runc does */
        close(parent);
        touch_in_root(path);
        char target[64];
        int fd = proc_fd_path(path, O_PATH, target);
        if (mount(host, target, NULL, MS_BIND, NULL) < 0) fail(errno, "cannot bind device '%s'", host);
        close(fd);
        return;
    } else if (errno != EEXIST) {
        fail(errno, "cannot create device '%s'", path);
    }
    close(parent);
}

static void op_symlink(void)
{
    const char *target = next(), *path = next();
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    *slash = 0;
    mkdir_in_root(dir[0] ? dir : "/", 0755);
    int parent = open_in_root(dir[0] ? dir : "/", O_PATH | O_DIRECTORY);
    if (parent < 0) fail(errno, "cannot open '%s'", dir);
    if (symlinkat(target, parent, slash + 1) < 0 && errno != EEXIST) fail(errno, "cannot create symlink '%s'", path);
    close(parent);
}

static void op_pivot(void)
{
    /* pivot_root(".", "."): the old root lands on top of the new one and is detached at once (runc's trick) */
    if (fchdir(s_root_fd) < 0) fail(errno, "cannot enter the root");
    if (syscall(SYS_pivot_root, ".", ".") < 0) fail(errno, "pivot_root into '%s'", s_root_path);
    if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0) fail(errno, "cannot make the old root a slave");
    if (umount2(".", MNT_DETACH) < 0) fail(errno, "cannot detach the old root");
    if (chdir("/") < 0) fail(errno, "chdir /");
    close(s_root_fd);
    s_root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    snprintf(s_root_path, sizeof s_root_path, "/");
}

static void op_mask(void)
{
    const char *path = next();
    struct stat st;
    if (stat(path, &st) < 0) {
        if (errno == ENOENT) return;
        fail(errno, "cannot mask '%s'", path);
    }
    int r = S_ISDIR(st.st_mode) ? mount("tmpfs", path, "tmpfs", MS_RDONLY, NULL) : mount("/dev/null", path, NULL, MS_BIND, NULL);
    if (r < 0) fail(errno, "cannot mask '%s'", path);
}

static void op_readonly(void)
{
    const char *path = next();
    if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) < 0) {
        if (errno == ENOENT) return;
        fail(errno, "cannot bind '%s' read-only", path);
    }
    if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC | locked_flags(path), NULL) < 0)
        fail(errno, "cannot remount '%s' read-only", path);
}

static void op_loopback_up(void)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) fail(errno, "socket");
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) fail(errno, "SIOCGIFFLAGS lo");
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) fail(errno, "SIOCSIFFLAGS lo");
    close(s);
}

static int send_fd(int sock, int fd)
{
    char byte = 'T';
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
    memset(&u, 0, sizeof u);
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    return sendmsg(sock, &msg, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

/* terminal=true: a pty from the container's own devpts; the master goes to the console socket or to Drydock */
static void op_console(void)
{
    const char *console = next();
    s_console_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", console);
    if (s_console_fd < 0 || connect(s_console_fd, (struct sockaddr *)&addr, sizeof addr) < 0) fail(errno, "cannot connect to console socket '%s'", console);
}

static void op_pty(void)
{
    struct winsize ws = { .ws_row = (unsigned short)next_num(), .ws_col = (unsigned short)next_num() };
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) fail(errno, "cannot open /dev/ptmx");
    int unlock = 0, n;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0 || ioctl(master, TIOCGPTN, &n) < 0) fail(errno, "cannot unlock the pty");
    char name[64];
    snprintf(name, sizeof name, "/dev/pts/%d", n);
    int slave = open(name, O_RDWR | O_NOCTTY);
    if (slave < 0) fail(errno, "cannot open '%s'", name);
    if (ws.ws_row && ws.ws_col && ioctl(master, TIOCSWINSZ, &ws) < 0) fail(errno, "cannot set the console size");
    /* /dev/console is the pty, as runc makes it */
    int console_fd = open("/dev/console", O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (console_fd >= 0) {
        close(console_fd);
        if (mount(name, "/dev/console", NULL, MS_BIND, NULL) < 0) fail(errno, "cannot bind '%s' to /dev/console", name);
    }
    if (s_console_fd >= 0) {
        if (send_fd(s_console_fd, master) < 0) fail(errno, "cannot send the pty to the console socket");
        close(s_console_fd);
    } else if (send_fd(PLAN_FD, master) < 0) {
        fail(errno, "cannot send the pty");
    }
    close(master);
    if (setsid() < 0) fail(errno, "setsid");
    if (ioctl(slave, TIOCSCTTY, 0) < 0) fail(errno, "TIOCSCTTY");
    for (int fd = 0; fd < 3; fd++) if (dup2(slave, fd) < 0) fail(errno, "dup2 pty");
    if (slave > 2) close(slave);
}

struct caps { uint64_t bounding, effective, permitted, inheritable, ambient; };

static int last_cap(void)
{
    int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
    char buf[16] = {0};
    if (fd < 0 || read(fd, buf, sizeof buf - 1) <= 0) return CAP_LAST_CAP;
    close(fd);
    return atoi(buf);
}

/* user, groups, capabilities, no_new_privs, umask, cwd: the order matters (capabilities survive setuid via KEEPCAPS) */
static void op_identity(void)
{
    uid_t uid = (uid_t)next_num();
    gid_t gid = (gid_t)next_num();
    size_t ngroups = (size_t)next_num();
    gid_t groups[256];
    if (ngroups > 256) fail(EINVAL, "too many additional groups");
    for (size_t i = 0; i < ngroups; i++) groups[i] = (gid_t)next_num();
    struct caps c = { next_num(), next_num(), next_num(), next_num(), next_num() };
    int nnp = (int)next_num();
    long umask_value = (long)next_num();
    const char *cwd = next();

    s_stage = "capabilities";
    int last = last_cap();
    for (int cap = 0; cap <= last; cap++)
        if (!(c.bounding & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
            fail(errno, "cannot drop capability %d from the bounding set", cap);
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) fail(errno, "PR_SET_KEEPCAPS");
    s_stage = "user";
    if (setgroups(ngroups, groups) < 0) fail(errno, "setgroups");
    if (setresgid(gid, gid, gid) < 0) fail(errno, "setresgid %u", gid);
    if (setresuid(uid, uid, uid) < 0) fail(errno, "setresuid %u", uid);
    s_stage = "capabilities";
    struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2] = {
        { (uint32_t)c.effective, (uint32_t)c.permitted, (uint32_t)c.inheritable },
        { (uint32_t)(c.effective >> 32), (uint32_t)(c.permitted >> 32), (uint32_t)(c.inheritable >> 32) },
    };
    if (syscall(SYS_capset, &hdr, data) < 0) fail(errno, "capset");
    for (int cap = 0; cap <= last; cap++)
        if ((c.ambient & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
            fail(errno, "cannot raise ambient capability %d", cap);
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0) fail(errno, "PR_SET_KEEPCAPS");
    s_stage = "no_new_privs";
    if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) fail(errno, "PR_SET_NO_NEW_PRIVS");
    if (umask_value >= 0) umask((mode_t)umask_value);
    s_stage = "cwd";
    if (chdir(cwd) < 0) fail(errno, "cannot change to working directory '%s'", cwd);
}

/* An ignored signal stays ignored across execve(2) (signal(7)): the container starts with every disposition at
 * its default, as runc gives it, or `yes | head` never ends. The raw syscall also reaches 32 and 33, which
 * glibc keeps for itself and which a .NET parent leaves ignored. */
static void reset_signals(void)
{
    struct { void *handler; unsigned long flags; void *restorer; uint64_t mask; } dfl = { SIG_DFL, 0, NULL, 0 };
    for (int sig = 1; sig <= 64; sig++)
        if (sig != SIGKILL && sig != SIGSTOP) syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof dfl.mask);
}

static void op_exec(void)
{
    size_t argc = (size_t)next_num();
    if (argc == 0 || argc > 4096) fail(EINVAL, "process has no args");
    char **argv = calloc(argc + 1, sizeof *argv);
    for (size_t i = 0; i < argc; i++) argv[i] = (char *)next();
    size_t envc = (size_t)next_num();
    char **envp = calloc(envc + 1, sizeof *envp);
    const char *path_env = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (size_t i = 0; i < envc; i++) {
        envp[i] = (char *)next();
        if (strncmp(envp[i], "PATH=", 5) == 0) path_env = envp[i] + 5;
    }
    s_stage = "exec";
    reset_signals();
    if (strchr(argv[0], '/')) {
        execve(argv[0], argv, envp);
        fail(errno, "cannot execute '%s'", argv[0]);
    }
    int saved = ENOENT;
    char candidate[PATH_MAX];
    for (const char *p = path_env; ; ) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        snprintf(candidate, sizeof candidate, "%.*s/%s", (int)len, len ? p : ".", argv[0]);
        execve(candidate, argv, envp);
        if (errno != ENOENT && errno != ENOTDIR) saved = errno;
        if (!colon) break;
        p = colon + 1;
    }
    fail(saved, "cannot find '%s' in PATH %s", argv[0], path_env);
}

static void run_child(int release_fd, int exec_pipe)
{
    s_err_fd = exec_pipe;
    char go;
    if (read(release_fd, &go, 1) != 1) _exit(127); /* the parent failed before releasing us; it reports why */
    close(release_fd);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) fail(errno, "PR_SET_PDEATHSIG");
    for (;;) {
        const char *op = next();
        s_stage = op;
        if (!strcmp(op, "becomeroot")) {
            /* in a new user namespace: take the mapped root's ids, so files and mounts are made as it */
            if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) fail(errno, "cannot become root of the user namespace");
        } else if (!strcmp(op, "propagation")) {
            unsigned long flags = next_num();
            if (mount(NULL, "/", NULL, flags, NULL) < 0) fail(errno, "cannot set propagation of /");
        } else if (!strcmp(op, "rootfs")) {
            snprintf(s_root_path, sizeof s_root_path, "%s", next());
        } else if (!strcmp(op, "mountroot")) {
            const char *src = next(), *type = next();
            unsigned long flags = next_num();
            const char *data = next();
            mount_root(src, type, flags, data);
        } else if (!strcmp(op, "openroot")) {
            s_root_fd = open(s_root_path, O_PATH | O_DIRECTORY | O_CLOEXEC);
            if (s_root_fd < 0) fail(errno, "cannot open the root '%s'", s_root_path);
        } else if (!strcmp(op, "mount")) op_mount();
        else if (!strcmp(op, "mkdir")) { const char *p = next(); mkdir_in_root(p, (mode_t)next_num()); }
        else if (!strcmp(op, "mknod")) op_mknod();
        else if (!strcmp(op, "symlink")) op_symlink();
        else if (!strcmp(op, "pivot")) op_pivot();
        else if (!strcmp(op, "mask")) op_mask();
        else if (!strcmp(op, "readonly")) op_readonly();
        else if (!strcmp(op, "rootro")) {
            if (mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags("/"), NULL) < 0) fail(errno, "cannot make the root read-only");
        } else if (!strcmp(op, "hostname")) {
            const char *h = next();
            if (sethostname(h, strlen(h)) < 0) fail(errno, "sethostname '%s'", h);
        } else if (!strcmp(op, "loopback")) op_loopback_up();
        else if (!strcmp(op, "rlimit")) {
            int res = (int)next_num();
            struct rlimit rl = { next_num(), next_num() };
            if (setrlimit(res, &rl) < 0) fail(errno, "setrlimit %d", res);
        } else if (!strcmp(op, "oom")) {
            const char *v = next();
            int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
            if (fd < 0 || write(fd, v, strlen(v)) < 0) fail(errno, "cannot write oom_score_adj %s", v);
            close(fd);
        } else if (!strcmp(op, "pty")) op_pty();
        else if (!strcmp(op, "console")) op_console();
        else if (!strcmp(op, "execfifo")) {
            const char *path = next();
            s_fifo_fd = open(path, O_PATH | O_CLOEXEC);
            if (s_fifo_fd < 0) fail(errno, "cannot open exec fifo '%s'", path);
        } else if (!strcmp(op, "waitstart")) {
            /* created: tell Drydock, then block until `start` opens the fifo for reading, as runc's exec.fifo */
            char fdpath[64];
            snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", s_fifo_fd);
            send_msg(PLAN_FD, "C", 1);
            int fd = open(fdpath, O_WRONLY | O_CLOEXEC);
            if (fd < 0) fail(errno, "cannot open exec fifo");
            if (write(fd, "0", 1) != 1) fail(errno, "cannot write exec fifo");
            close(fd);
            close(s_fifo_fd);
        }
        else if (!strcmp(op, "identity")) op_identity();
        else if (!strcmp(op, "exec")) op_exec();
        else fail(EINVAL, "unknown plan operation '%s'", op);
    }
}

static int exit_code(int status)
{
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 255;
}

/*
 * `drydock-init -- CMD...`: the minimal reaping init of `drydock run --init` (docker's --init), bind-mounted
 * into the container as PID 1. It forwards signals to CMD, reaps every orphan, and exits with CMD's code.
 */
static int reaper(char **argv)
{
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &all, NULL);
    pid_t child = fork();
    if (child < 0) { perror("drydock-init: fork"); return 126; }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &none, NULL);
        execvp(argv[0], argv);
        fprintf(stderr, "drydock-init: cannot execute '%s': %s\n", argv[0], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    for (;;) {
        siginfo_t info;
        int sig = sigwaitinfo(&all, &info);
        if (sig < 0) continue;
        if (sig != SIGCHLD) { kill(child, sig); continue; }
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
            if (pid == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
}

/*
 * `drydock-init --prime-cgroup-lock`: moves itself into the cgroup it is already in (which moves nothing) and
 * exits. Every move into a cgroup takes one kernel-wide lock whose first writer waits out an RCU grace period
 * (10-20 ms on an idle machine); a writer arriving during that wait, or one grace period after it, shares it.
 * The runtime CLI starts this first thing, so the container's own move into its cgroup, a few milliseconds later,
 * finds the grace period already passing instead of starting its own. Best effort: it always exits 0.
 */
static int prime_cgroup_lock(void)
{
    char own[4096];
    int fd = open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, own, sizeof own - 1);
    close(fd);
    if (n <= 0) return 0;
    own[n] = 0;
    char pid[16];
    int pid_len = snprintf(pid, sizeof pid, "%d", (int)getpid());
    /* lines are ID:CONTROLLERS:PATH; v2's has no controllers, v1 hierarchies are mounted under their names */
    for (char *line = strtok(own, "\n"); line; line = strtok(NULL, "\n")) {
        char *controllers = strchr(line, ':');
        char *path = controllers ? strchr(controllers + 1, ':') : NULL;
        if (!path) continue;
        *controllers++ = 0;
        *path++ = 0;
        if (!strncmp(controllers, "name=", 5)) controllers += 5;
        char v1[256], file[PATH_MAX];
        snprintf(v1, sizeof v1, "/sys/fs/cgroup/%s", controllers);
        const char *mounts[2] = { *controllers ? v1 : "/sys/fs/cgroup/unified", *controllers ? NULL : "/sys/fs/cgroup" };
        for (int i = 0; i < 2 && mounts[i]; i++) {
            snprintf(file, sizeof file, "%s%s/cgroup.procs", mounts[i], path);
            fd = open(file, O_WRONLY | O_CLOEXEC);
            if (fd < 0) continue;
            ssize_t w = write(fd, pid, (size_t)pid_len);
            close(fd);
            if (w == pid_len) return 0;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--")) return reaper(argv + 2);
    if (argc == 2 && !strcmp(argv[1], "--prime-cgroup-lock")) return prime_cgroup_lock();

    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    /* fd 3 must not reach the container: its close on exec is how Drydock learns nothing */
    if (fcntl(PLAN_FD, F_SETFD, FD_CLOEXEC) < 0) return 126;

    ssize_t n = recv(PLAN_FD, s_plan, sizeof s_plan, MSG_TRUNC);
    if (n < 0) fail(errno, "cannot read the plan from fd 3");
    if ((size_t)n > sizeof s_plan) fail(E2BIG, "plan of %zd bytes is too large", n);
    s_plan_len = (size_t)n;

    /* with a user namespace, the root is mounted first in a private mount namespace of our own: the child,
     * mapped to unprivileged ids, could not mount an overlay of host-owned directories itself */
    const char *first = next();
    if (!strcmp(first, "premount")) {
        s_stage = "premount";
        if (unshare(CLONE_NEWNS) < 0) fail(errno, "unshare(CLONE_NEWNS)");
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) fail(errno, "cannot make / private");
        snprintf(s_root_path, sizeof s_root_path, "%s", next());
        for (;;) {
            const char *op = next();
            if (!strcmp(op, "clone")) break;
            if (strcmp(op, "mountroot")) fail(EINVAL, "unexpected '%s' in premount", op);
            const char *src = next(), *type = next();
            unsigned long mflags = next_num();
            const char *data = next();
            mount_root(src, type, mflags, data);
        }
        first = "clone";
    }
    /* parent part: clone flags, then maps and cgroups applied to the child before it is released */
    s_stage = "clone";
    if (strcmp(first, "clone")) fail(EINVAL, "plan does not start with clone");
    unsigned long flags = next_num();
    int release[2], exec_pipe[2];
    if (pipe2(release, O_CLOEXEC) < 0 || pipe2(exec_pipe, O_CLOEXEC) < 0) fail(errno, "pipe2");
    int pidfd = -1;
    pid_t pid = (pid_t)syscall(SYS_clone, flags | CLONE_PIDFD | SIGCHLD, NULL, &pidfd, NULL, 0);
    if (pid < 0) fail(errno, "clone with flags 0x%lx", flags);
    if (pid == 0) {
        close(release[1]);
        close(exec_pipe[0]);
        /* the child skips the parent part */
        for (;;) { const char *t = next(); if (!strcmp(t, "child")) break; }
        run_child(release[0], exec_pipe[1]);
    }
    close(release[0]);
    close(exec_pipe[1]);
    char msg[4096];
    int len = snprintf(msg, sizeof msg, "P%d", pid);
    send_msg(PLAN_FD, msg, (size_t)len);
    char path[128];
    int detached = 0;
    for (;;) {
        const char *op = next();
        if (!strcmp(op, "child")) break;
        if (!strcmp(op, "detach")) {
            /* `create`/`run -d`: the container outlives the command that made it, and its terminal's signals */
            detached = 1;
            setsid();
            continue;
        }
        if (!strcmp(op, "uidmap") || !strcmp(op, "gidmap")) {
            s_stage = op;
            if (!strcmp(op, "gidmap")) {
                snprintf(path, sizeof path, "/proc/%d/setgroups", pid);
                int fd = open(path, O_WRONLY | O_CLOEXEC);
                if (fd >= 0) close(fd);
            }
            snprintf(path, sizeof path, "/proc/%d/%s", pid, op[0] == 'u' ? "uid_map" : "gid_map");
            const char *map = next();
            int fd = open(path, O_WRONLY | O_CLOEXEC);
            if (fd < 0 || write(fd, map, strlen(map)) < 0) { int e = errno; kill(pid, SIGKILL); fail(e, "cannot write '%s'", path); }
            close(fd);
        } else if (!strcmp(op, "cgroup")) {
            s_stage = "cgroup";
            const char *procs = next();
            char pidtext[16];
            snprintf(pidtext, sizeof pidtext, "%d", pid);
            int fd = open(procs, O_WRONLY | O_CLOEXEC);
            if (fd < 0 || write(fd, pidtext, strlen(pidtext)) < 0) { int e = errno; kill(pid, SIGKILL); fail(e, "cannot join cgroup '%s'", procs); }
            close(fd);
        } else {
            kill(pid, SIGKILL);
            fail(EINVAL, "unknown plan operation '%s'", op);
        }
    }
    if (write(release[1], "1", 1) != 1) fail(errno, "cannot release the container process");
    close(release[1]);

    /* EOF on the close-on-exec pipe: the exec succeeded; data: the child's failure report */
    ssize_t got = 0, r;
    while ((r = read(exec_pipe[0], msg + got, sizeof msg - (size_t)got)) != 0) {
        if (r < 0) { if (errno == EINTR) continue; break; }
        got += r;
        if ((size_t)got == sizeof msg) break;
    }
    close(exec_pipe[0]);
    if (got > 0) {
        int status;
        send_msg(PLAN_FD, msg, (size_t)got);
        waitpid(pid, &status, 0);
        return 127;
    }
    send_msg(PLAN_FD, "X", 1);

    /* supervise: the exit of the process, or the hang-up of Drydock (then the container must not outlive it) */
    struct pollfd fds[2] = { { .fd = pidfd, .events = POLLIN }, { .fd = PLAN_FD, .events = POLLIN } };
    for (;;) {
        if (poll(fds, 2, -1) < 0) { if (errno == EINTR) continue; break; }
        if (fds[0].revents) break;
        if (fds[1].revents) {
            char buf[64];
            ssize_t m = recv(PLAN_FD, buf, sizeof buf, MSG_DONTWAIT);
            if (m == 0 || (m < 0 && errno != EAGAIN && errno != EINTR)) { if (!detached) kill(pid, SIGKILL); fds[1].fd = -1; }
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    int code = exit_code(status);
    len = snprintf(msg, sizeof msg, "W%d", code);
    send_msg(PLAN_FD, msg, (size_t)len);
    return code;
}
