using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Json;
using static Drydock.Core.Json.JsonValues;

namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// Writes and reads snapshot records with <see cref="Utf8JsonWriter"/> and <see cref="Utf8JsonReader"/>, byte for
/// byte as <see cref="MetadataJsonContext"/> does: building the serializer's metadata for this one small type
/// cost a `drydock run` about 8 ms, more than the rest of its snapshot work. A record this reader does not model
/// (a number for Kind, a null where a value belongs, a property the writer always writes left out) returns null,
/// and the caller asks the serializer, which stays the reference the tests hold both to.
/// </summary>
internal static class SnapshotRecordJson
{
    public static byte[] Write(SnapshotRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Name"u8, record.Name);
            if (record.Parent is not null) w.WriteString("Parent"u8, record.Parent);
            w.WriteString("Kind"u8, KindName(record.Kind));
            w.WriteString("CreatedAt"u8, record.CreatedAt);
            w.WriteStartObject("Labels"u8);
            foreach (KeyValuePair<string, string> label in record.Labels) w.WriteString(label.Key, label.Value);
            w.WriteEndObject();
            w.WriteNumber("Id"u8, record.Id);
            w.WriteStartArray("ParentIds"u8);
            foreach (long id in record.ParentIds) w.WriteNumberValue(id);
            w.WriteEndArray();
            WriteProcess(w, "Owner"u8, record.Owner, "Pid"u8, "StartTime"u8);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static SnapshotRecord? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var r = new Utf8JsonReader(json);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
            string? name = null, parent = null;
            SnapshotKind? kind = null;
            DateTimeOffset? createdAt = null;
            long? id = null;
            Dictionary<string, string>? labels = null;
            ImmutableArray<long>? parentIds = null;
            ProcessIdentity? owner = null;
            while (Next(ref r))
            {
                if (r.ValueTextEquals("Name"u8)) name = String(ref r);
                else if (r.ValueTextEquals("Parent"u8)) parent = NullableString(ref r);
                else if (r.ValueTextEquals("Kind"u8)) kind = Kind(String(ref r));
                else if (r.ValueTextEquals("CreatedAt"u8)) createdAt = Time(ref r) ?? throw new UnmodelledJsonException();
                else if (r.ValueTextEquals("Labels"u8)) labels = Labels(ref r);
                else if (r.ValueTextEquals("Id"u8)) id = Long(ref r);
                else if (r.ValueTextEquals("ParentIds"u8)) parentIds = [.. List(ref r, Long)];
                else if (r.ValueTextEquals("Owner"u8)) owner = Process(ref r, "Pid"u8, "StartTime"u8);
                else Skip(ref r);
            }
            // a property the writer always writes but the document lacks is the serializer's to default
            if (r.Read() || name is null || kind is null || createdAt is null || id is null || labels is null || parentIds is null) return null;
            return new SnapshotRecord
            {
                Name = name,
                Parent = parent,
                Kind = kind.Value,
                CreatedAt = createdAt.Value,
                Labels = labels,
                Id = id.Value,
                ParentIds = parentIds.Value,
                Owner = owner,
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

    private static string KindName(SnapshotKind kind) => kind switch
    {
        SnapshotKind.Active => "Active",
        SnapshotKind.View => "View",
        SnapshotKind.Committed => "Committed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static SnapshotKind Kind(string name) => name switch
    {
        "Active" => SnapshotKind.Active,
        "View" => SnapshotKind.View,
        "Committed" => SnapshotKind.Committed,
        _ => throw new UnmodelledJsonException(),
    };

    private static Dictionary<string, string> Labels(ref Utf8JsonReader r) => StringMap(ref r) ?? throw new UnmodelledJsonException();
}
