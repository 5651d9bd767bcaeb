using System.Text.Json;
using Drydock.Core;

namespace Drydock.Solver.Ops;

/// <summary>
/// The canonical JSON of ops: {"op":kind, then each field in declared order}, no indentation, nulls and empty
/// optional lists left out. Written by hand with a Utf8JsonWriter: a build keys every step on it, and a
/// serializer's start-up cost would be paid by every `drydock build`.
/// </summary>
public static class OpJson
{
    public static byte[] Serialize(Op op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (op)
            {
                case ImageSourceOp i: WriteImage(w, i); break;
                case ExecOp e: WriteExec(w, e); break;
                case CopyOp c: WriteCopy(w, c); break;
                case MkdirOp m: WriteMkdir(w, m); break;
                case MergeOp m: WriteMerge(w, m); break;
                default: throw new ArgumentException($"unknown op type '{op.GetType().Name}'", nameof(op));
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static Digest DigestOf(Op op) => Digest.Sha256(Serialize(op));

    private static void WriteImage(Utf8JsonWriter w, ImageSourceOp op)
    {
        w.WriteString("op", "image");
        w.WriteString("Reference", op.Reference);
        w.WriteString("ManifestDigest", op.ManifestDigest);
        w.WriteString("Platform", op.Platform);
    }

    private static void WriteExec(Utf8JsonWriter w, ExecOp op)
    {
        w.WriteString("op", "exec");
        Strings(w, "Args", op.Args);
        Strings(w, "Env", op.Env);
        w.WriteString("Cwd", op.Cwd);
        w.WriteString("User", op.User);
        w.WriteString("Network", op.Network);
        w.WriteStartArray("Mounts");
        foreach (RunMount m in op.Mounts) WriteMount(w, m);
        w.WriteEndArray();
        Number(w, "Root", op.Root);
    }

    private static void WriteMount(Utf8JsonWriter w, RunMount m)
    {
        w.WriteStartObject();
        w.WriteString("Type", m.Type);
        w.WriteString("Target", m.Target);
        Number(w, "Input", m.Input);
        String(w, "Context", m.Context);
        String(w, "Source", m.Source);
        w.WriteBoolean("ReadOnly", m.ReadOnly);
        String(w, "CacheId", m.CacheId);
        String(w, "Sharing", m.Sharing);
        String(w, "Mode", m.Mode);
        Number(w, "Uid", m.Uid);
        Number(w, "Gid", m.Gid);
        w.WriteBoolean("Required", m.Required);
        Number(w, "Size", m.Size);
        String(w, "SecretId", m.SecretId);
        String(w, "Env", m.Env);
        if (m.Content is not null) w.WriteString("Content", m.Content);
        w.WriteEndObject();
    }

    private static void WriteCopy(Utf8JsonWriter w, CopyOp op)
    {
        w.WriteString("op", "copy");
        Strings(w, "Sources", op.Sources);
        w.WriteString("Dest", op.Dest);
        Number(w, "Root", op.Root);
        Number(w, "SourceInput", op.SourceInput);
        String(w, "Context", op.Context);
        String(w, "Url", op.Url);
        String(w, "Checksum", op.Checksum);
        String(w, "Chown", op.Chown);
        String(w, "Chmod", op.Chmod);
        w.WriteBoolean("Link", op.Link);
        w.WriteBoolean("Parents", op.Parents);
        Strings(w, "Exclude", op.Exclude);
        w.WriteBoolean("Unpack", op.Unpack);
        w.WriteBoolean("IsAdd", op.IsAdd);
        if (op.InlineFiles.Count > 0)
        {
            // written only when present, so the keys of every other copy stay what they were
            w.WriteStartArray("InlineFiles");
            foreach (InlineFile f in op.InlineFiles)
            {
                w.WriteStartObject();
                w.WriteString("Name", f.Name);
                w.WriteString("Content", f.Content);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
    }

    private static void WriteMkdir(Utf8JsonWriter w, MkdirOp op)
    {
        w.WriteString("op", "mkdir");
        w.WriteString("Path", op.Path);
        w.WriteString("User", op.User);
        Number(w, "Root", op.Root);
    }

    private static void WriteMerge(Utf8JsonWriter w, MergeOp op)
    {
        w.WriteString("op", "merge");
        w.WriteNumber("Layer", op.Layer);
        Number(w, "Root", op.Root);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }
}
