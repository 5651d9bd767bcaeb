using Drydock.Core;
using Drydock.Core.Oci;

namespace Drydock.Solver.Memo;

/// <summary>
/// What a whole build produced from one set of inputs: the image it exported (<see cref="Target"/> is what
/// its record points at, <see cref="ImageId"/> its config digest), every blob that image needs, the base
/// images it was built on as they were resolved, and the progress lines to show again.
/// </summary>
public sealed record BuildMemoEntry(
    Descriptor Target,
    Digest ImageId,
    IReadOnlyList<Digest> Blobs,
    IReadOnlyList<MemoBase> Bases,
    IReadOnlyList<MemoStep> Steps,
    IReadOnlyList<string> Warnings)
{
    private const int FormatVersion = 1;

    /// <summary>A compact binary form: the fast path reads it without starting a JSON serializer.</summary>
    public void WriteTo(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(FormatVersion);
        w.Write(Target.MediaType);
        w.Write(Target.Digest.ToString());
        w.Write(Target.Size);
        w.Write(ImageId.ToString());
        WriteList(w, Blobs, (w, b) => w.Write(b.ToString()));
        WriteList(w, Bases, (w, b) =>
        {
            w.Write(b.Name ?? "");
            w.Write(b.Digest.ToString());
        });
        WriteList(w, Steps, (w, s) =>
        {
            w.Write(s.Id);
            w.Write(s.Name);
            w.Write(s.Source);
            WriteList(w, s.Inputs, (w, i) => w.Write(i));
        });
        WriteList(w, Warnings, (w, x) => w.Write(x));
    }

    /// <summary>Null when the entry was written by another format version.</summary>
    /// <exception cref="EndOfStreamException">The entry is torn.</exception>
    /// <exception cref="FormatException">A digest in it is malformed.</exception>
    public static BuildMemoEntry? ReadFrom(BinaryReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.ReadInt32() != FormatVersion) return null;
        var target = new Descriptor(r.ReadString(), Digest.Parse(r.ReadString()), r.ReadInt64());
        Digest id = Digest.Parse(r.ReadString());
        var blobs = ReadList(r, r => Digest.Parse(r.ReadString()));
        var bases = ReadList(r, r => new MemoBase(r.ReadString() is { Length: > 0 } name ? name : null, Digest.Parse(r.ReadString())));
        var steps = ReadList(r, r => new MemoStep(r.ReadString(), r.ReadString(), r.ReadBoolean()) { Inputs = ReadList(r, r => r.ReadString()) });
        return new BuildMemoEntry(target, id, blobs, bases, steps, ReadList(r, r => r.ReadString()));
    }

    private static void WriteList<T>(BinaryWriter w, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        w.Write(items.Count);
        foreach (T item in items) write(w, item);
    }

    private static List<T> ReadList<T>(BinaryReader r, Func<BinaryReader, T> read)
    {
        int count = r.ReadInt32();
        if (count is < 0 or > 1_000_000) throw new FormatException("implausible count");
        var items = new List<T>(count);
        for (int i = 0; i < count; i++) items.Add(read(r));
        return items;
    }
}

/// <summary>
/// A base image as the build resolved it: a record <paramref name="Name"/> that pointed at <paramref name="Digest"/>,
/// or (no name: referenced by digest or ID) content that must still be there.
/// </summary>
public sealed record MemoBase(string? Name, Digest Digest);

/// <summary>One progress line of the build: replayed as CACHED, or as DONE for a <paramref name="Source"/> (FROM) step, as BuildKit shows them.</summary>
public sealed record MemoStep(string Id, string Name, bool Source)
{
    public IReadOnlyList<string> Inputs { get; init; } = [];
}
