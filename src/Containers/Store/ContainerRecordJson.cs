using System.Buffers;
using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Json;
using static Drydock.Core.Json.JsonValues;

namespace Drydock.Containers.Store;

/// <summary>
/// Writes and reads container records with <see cref="Utf8JsonWriter"/> and <see cref="Utf8JsonReader"/>, byte for
/// byte as <see cref="ContainersJsonContext"/> does (indented, camelCase, nulls left out): `drydock run` writes a
/// record three times, and building the serializer's metadata for it cost more than the writes. A record this
/// reader does not model (a number for a status, a null where a value belongs, a property the writer always
/// writes left out) returns null, and the caller asks the serializer, which stays the reference the tests hold
/// both to.
/// </summary>
internal static class ContainerRecordJson
{
    private static readonly JsonWriterOptions s_options = new() { Indented = true };

    public static byte[] Write(ContainerRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            w.WriteString("id"u8, record.Id);
            w.WriteString("name"u8, record.Name);
            w.WriteString("image"u8, record.Image);
            w.WriteString("imageId"u8, record.ImageId);
            w.WriteStartArray("command"u8);
            foreach (string arg in record.Command) w.WriteStringValue(arg);
            w.WriteEndArray();
            w.WriteString("created"u8, record.Created);
            w.WriteString("status"u8, StatusName(record.Status));
            if (record.ExitCode is { } exitCode) w.WriteNumber("exitCode"u8, exitCode);
            if (record.StartedAt is { } startedAt) w.WriteString("startedAt"u8, startedAt);
            if (record.FinishedAt is { } finishedAt) w.WriteString("finishedAt"u8, finishedAt);
            WriteProcess(w, "process"u8, record.Process, "pid"u8, "startTime"u8);
            WriteProcess(w, "owner"u8, record.Owner, "pid"u8, "startTime"u8);
            w.WriteString("snapshotKey"u8, record.SnapshotKey);
            if (record.Snapshotter is not null) w.WriteString("snapshotter"u8, record.Snapshotter);
            w.WriteBoolean("autoRemove"u8, record.AutoRemove);
            w.WriteBoolean("detached"u8, record.Detached);
            w.WriteNumber("stopSignal"u8, record.StopSignal);
            if (record.Runtime is not null) w.WriteString("runtime"u8, record.Runtime);
            if (record.Error is not null) w.WriteString("error"u8, record.Error);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static ContainerRecord? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var r = new Utf8JsonReader(json);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
            string? id = null, name = null, image = null, imageId = null, snapshotKey = null;
            List<string>? command = null;
            DateTimeOffset? created = null;
            ContainerStatus? status = null;
            bool? autoRemove = null, detached = null;
            int? stopSignal = null;
            var record = new ContainerRecord { Id = "", Name = "", Image = "", ImageId = "", Command = [], Created = default, SnapshotKey = "" };
            while (Next(ref r))
            {
                if (r.ValueTextEquals("id"u8)) id = String(ref r);
                else if (r.ValueTextEquals("name"u8)) name = String(ref r);
                else if (r.ValueTextEquals("image"u8)) image = String(ref r);
                else if (r.ValueTextEquals("imageId"u8)) imageId = String(ref r);
                else if (r.ValueTextEquals("command"u8)) command = List(ref r, String);
                else if (r.ValueTextEquals("created"u8)) created = Time(ref r) ?? throw new UnmodelledJsonException();
                else if (r.ValueTextEquals("status"u8)) status = Status(String(ref r));
                else if (r.ValueTextEquals("exitCode"u8)) record = record with { ExitCode = NullableInt(ref r) };
                else if (r.ValueTextEquals("startedAt"u8)) record = record with { StartedAt = Time(ref r) };
                else if (r.ValueTextEquals("finishedAt"u8)) record = record with { FinishedAt = Time(ref r) };
                else if (r.ValueTextEquals("process"u8)) record = record with { Process = Process(ref r, "pid"u8, "startTime"u8) };
                else if (r.ValueTextEquals("owner"u8)) record = record with { Owner = Process(ref r, "pid"u8, "startTime"u8) };
                else if (r.ValueTextEquals("snapshotKey"u8)) snapshotKey = String(ref r);
                else if (r.ValueTextEquals("snapshotter"u8)) record = record with { Snapshotter = NullableString(ref r) };
                else if (r.ValueTextEquals("autoRemove"u8)) autoRemove = Bool(ref r);
                else if (r.ValueTextEquals("detached"u8)) detached = Bool(ref r);
                else if (r.ValueTextEquals("stopSignal"u8)) stopSignal = Int(ref r);
                else if (r.ValueTextEquals("runtime"u8)) record = record with { Runtime = NullableString(ref r) };
                else if (r.ValueTextEquals("error"u8)) record = record with { Error = NullableString(ref r) };
                else Skip(ref r);
            }
            // a property the writer always writes but the document lacks is the serializer's to default
            if (r.Read() || id is null || name is null || image is null || imageId is null || command is null || created is null || snapshotKey is null
                || status is null || autoRemove is null || detached is null || stopSignal is null)
                return null;
            return record with
            {
                Id = id,
                Name = name,
                Image = image,
                ImageId = imageId,
                Command = command,
                Created = created.Value,
                SnapshotKey = snapshotKey,
                Status = status.Value,
                AutoRemove = autoRemove.Value,
                Detached = detached.Value,
                StopSignal = stopSignal.Value,
            };
        }
        catch (UnmodelledJsonException)
        {
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null; // malformed: the serializer reports it
        }
    }

    private static string StatusName(ContainerStatus status) => status switch
    {
        ContainerStatus.Created => "Created",
        ContainerStatus.Running => "Running",
        ContainerStatus.Exited => "Exited",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static ContainerStatus Status(string name) => name switch
    {
        "Created" => ContainerStatus.Created,
        "Running" => ContainerStatus.Running,
        "Exited" => ContainerStatus.Exited,
        _ => throw new UnmodelledJsonException(),
    };
}
