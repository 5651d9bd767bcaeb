using System.Text;
using Drydock.Core;

namespace Drydock.Snapshotter.Unpack;

/// <summary>
/// Chain IDs as the OCI image spec defines them (config.md, "Layer ChainID"): ChainID(L0) = DiffID(L0),
/// ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)). A chain ID names the committed snapshot of a stack.
/// </summary>
public static class ChainId
{
    public static Digest Next(Digest? previous, Digest diffId)
        => previous is { } p ? Digest.Sha256(Encoding.ASCII.GetBytes($"{p} {diffId}")) : diffId;

    public static Digest Of(IEnumerable<Digest> diffIds)
    {
        ArgumentNullException.ThrowIfNull(diffIds);
        Digest? chain = null;
        foreach (Digest d in diffIds) chain = Next(chain, d);
        return chain ?? throw new ArgumentException("a chain ID needs at least one diff ID", nameof(diffIds));
    }
}
