using Drydock.Core;

namespace Drydock.Runtime.Linux;

internal static partial class RuntimePlan
{
    /// <summary>
    /// A plan for another OCI runtime: in a private mount namespace, mount the root filesystem on the bundle's
    /// rootfs and exec <paramref name="args"/> there (no pivot, no other namespace). The mounts vanish with the
    /// namespace when the runtime exits, so nothing is left mounted on the host.
    /// </summary>
    public static PlanWriter MountAndExec(IReadOnlyList<Mount> rootMounts, string rootfsDir, IReadOnlyList<string> args, IReadOnlyList<string> env)
    {
        var plan = new PlanWriter();
        plan.Op("clone", CLONE_NEWNS).Op("child");
        plan.Op("propagation", MountOptions.MS_PRIVATE | MountOptions.MS_REC);
        plan.Op("rootfs", rootfsDir);
        foreach (Mount m in rootMounts)
        {
            MountOptions o = MountOptions.Parse(m.Type, m.Options, "/");
            plan.Op("mountroot", m.Source, o.Bind ? "" : m.Type, o.Bind ? o.Flags & (MountOptions.MS_BIND | MountOptions.MS_REC) : o.Flags & ~MountOptions.MS_RDONLY, o.Data);
        }
        plan.Op("exec", args.Count);
        foreach (string a in args) plan.Op(a);
        plan.Op(env.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string e in env) plan.Op(e);
        return plan;
    }
}
