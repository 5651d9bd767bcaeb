using Drydock.Core;
using Drydock.Runtime.Linux;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Cli;

/// <summary>The containers under --root, as LinuxContainerRuntime leaves them in its state directories.</summary>
internal sealed class StateStore(string root)
{
    public string Root { get; } = root;

    private StateDirectory Open(string id)
    {
        LinuxContainerRuntime.ValidateId(id);
        return StateDirectory.TryOpen(Root, id) ?? throw new DrydockException(ErrorKind.NotFound, $"container '{id}' does not exist");
    }

    public OciState Read(string id) => ToState(id, Open(id));

    private static OciState ToState(string id, StateDirectory dir)
    {
        string status = dir.Status;
        return new OciState
        {
            Id = id,
            Status = status,
            Pid = status is "created" or "running" ? dir.LivePid : 0,
            Bundle = dir.Bundle,
        };
    }

    public IEnumerable<OciState> List()
    {
        foreach (string id in StateDirectory.Ids(Root).Order(StringComparer.Ordinal))
            if (StateDirectory.TryOpen(Root, id) is { } dir) yield return ToState(id, dir);
    }

    public void Start(string id)
    {
        StateDirectory dir = Open(id);
        if (dir.Status != "created") throw new DrydockException(ErrorKind.FailedPrecondition, $"cannot start container '{id}': it is {dir.Status}, not created");
        // opening the fifo for reading releases the process blocked opening it for writing, just before its exec
        using (var fifo = new FileStream(dir.ExecFifoPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1))
        {
            if (fifo.ReadByte() < 0) throw new DrydockException(ErrorKind.FailedPrecondition, $"cannot start container '{id}': its process exited before start");
        }
        File.Delete(dir.ExecFifoPath);
    }

    public void Kill(string id, int signal)
    {
        StateDirectory dir = Open(id);
        int pid = dir.LivePid;
        if (pid == 0 || dir.Status == "stopped") throw new DrydockException(ErrorKind.FailedPrecondition, $"cannot kill container '{id}': it is not running");
        if (!OperatingSystem.IsLinux()) throw new DrydockException(ErrorKind.Unsupported, "containers run on Linux only");
        Interop.ThrowIfError(Interop.Libc.kill(pid, signal), "kill", id);
    }

    public void Delete(string id, bool force)
    {
        StateDirectory dir = Open(id);
        string status = dir.Status;
        if (status == "running" && !force)
            throw new DrydockException(ErrorKind.FailedPrecondition, $"cannot delete container '{id}': it is running; stop it first or use --force");
        int pid = dir.LivePid;
        if (pid != 0 && OperatingSystem.IsLinux())
        {
            Interop.Libc.kill(pid, 9);
            for (int i = 0; i < 500 && dir.LivePid != 0 && dir.Status != "stopped"; i++) Thread.Sleep(10);
        }
        if (!dir.RemoveWithCgroups()) Console.Error.WriteLine($"drydock-runtime: warning: some cgroups of container '{id}' could not be removed");
    }
}
