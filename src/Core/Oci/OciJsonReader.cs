using System.Text.Json;
using Drydock.Core.Json;
using static Drydock.Core.Json.JsonValues;

namespace Drydock.Core.Oci;

/// <summary>
/// Reads image manifests and configs with <see cref="Utf8JsonReader"/>: every build, run and inspect reads
/// them, and building the serializer's metadata for these types cost a short-lived process more (about 15 ms)
/// than the reads. The result is what the serializer gives: unknown properties are skipped as it skips them,
/// and a document with anything this reader does not model (a descriptor's platform or data, a null where a
/// value belongs, a malformed digest) returns null so that the caller uses the serializer instead. As with the
/// generated serializer, a property the document leaves out is the type's default (null), not the initializer.
/// </summary>
internal static class OciJsonReader
{
    public static ImageManifest? TryReadManifest(ReadOnlySpan<byte> json)
    {
        try
        {
            var r = new Utf8JsonReader(json);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
            var manifest = new ImageManifest { Config = null!, SchemaVersion = 0, MediaType = null, Layers = null! };
            Descriptor? config = null;
            while (Next(ref r))
            {
                if (r.ValueTextEquals("schemaVersion"u8)) manifest = manifest with { SchemaVersion = Int(ref r) };
                else if (r.ValueTextEquals("mediaType"u8)) manifest = manifest with { MediaType = NullableString(ref r) };
                else if (r.ValueTextEquals("artifactType"u8)) manifest = manifest with { ArtifactType = NullableString(ref r) };
                else if (r.ValueTextEquals("config"u8)) config = Descriptor(ref r);
                else if (r.ValueTextEquals("layers"u8)) manifest = manifest with { Layers = List(ref r, Descriptor) };
                else if (r.ValueTextEquals("annotations"u8)) manifest = manifest with { Annotations = StringMap(ref r) };
                else if (r.ValueTextEquals("subject"u8)) return null;
                else Skip(ref r);
            }
            return config is null || r.Read() ? null : manifest with { Config = config };
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

    public static ImageConfig? TryReadConfig(ReadOnlySpan<byte> json)
    {
        try
        {
            var r = new Utf8JsonReader(json);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
            var config = new ImageConfig { Architecture = null!, OS = null!, RootFS = null! };
            while (Next(ref r))
            {
                if (r.ValueTextEquals("created"u8)) config = config with { Created = Time(ref r) };
                else if (r.ValueTextEquals("author"u8)) config = config with { Author = NullableString(ref r) };
                else if (r.ValueTextEquals("architecture"u8)) config = config with { Architecture = String(ref r) };
                else if (r.ValueTextEquals("os"u8)) config = config with { OS = String(ref r) };
                else if (r.ValueTextEquals("os.version"u8)) config = config with { OSVersion = NullableString(ref r) };
                else if (r.ValueTextEquals("os.features"u8)) config = config with { OSFeatures = Strings(ref r) };
                else if (r.ValueTextEquals("variant"u8)) config = config with { Variant = NullableString(ref r) };
                else if (r.ValueTextEquals("config"u8)) config = config with { Config = Container(ref r) };
                else if (r.ValueTextEquals("rootfs"u8)) config = config with { RootFS = RootFS(ref r) };
                else if (r.ValueTextEquals("history"u8)) config = config with { History = NullableList(ref r, History) };
                else Skip(ref r);
            }
            return r.Read() ? null : config; // anything after the document is the serializer's error to report
        }
        catch (UnmodelledJsonException)
        {
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static ContainerConfig? Container(ref Utf8JsonReader r)
    {
        if (!StartObjectOrNull(ref r)) return null;
        var c = new ContainerConfig();
        while (Next(ref r))
        {
            if (r.ValueTextEquals("User"u8)) c = c with { User = NullableString(ref r) };
            else if (r.ValueTextEquals("ExposedPorts"u8)) c = c with { ExposedPorts = EmptyObjects(ref r) };
            else if (r.ValueTextEquals("Env"u8)) c = c with { Env = Strings(ref r) };
            else if (r.ValueTextEquals("Entrypoint"u8)) c = c with { Entrypoint = Strings(ref r) };
            else if (r.ValueTextEquals("Cmd"u8)) c = c with { Cmd = Strings(ref r) };
            else if (r.ValueTextEquals("Volumes"u8)) c = c with { Volumes = EmptyObjects(ref r) };
            else if (r.ValueTextEquals("WorkingDir"u8)) c = c with { WorkingDir = NullableString(ref r) };
            else if (r.ValueTextEquals("Labels"u8)) c = c with { Labels = StringMap(ref r) };
            else if (r.ValueTextEquals("StopSignal"u8)) c = c with { StopSignal = NullableString(ref r) };
            else if (r.ValueTextEquals("ArgsEscaped"u8)) c = c with { ArgsEscaped = Bool(ref r) };
            else if (r.ValueTextEquals("Healthcheck"u8)) c = c with { Healthcheck = Health(ref r) };
            else if (r.ValueTextEquals("OnBuild"u8)) c = c with { OnBuild = Strings(ref r) };
            else if (r.ValueTextEquals("Shell"u8)) c = c with { Shell = Strings(ref r) };
            else Skip(ref r);
        }
        return c;
    }

    private static HealthConfig? Health(ref Utf8JsonReader r)
    {
        if (!StartObjectOrNull(ref r)) return null;
        var h = new HealthConfig();
        while (Next(ref r))
        {
            if (r.ValueTextEquals("Test"u8)) h = h with { Test = Strings(ref r) };
            else if (r.ValueTextEquals("Interval"u8)) h = h with { Interval = Long(ref r) };
            else if (r.ValueTextEquals("Timeout"u8)) h = h with { Timeout = Long(ref r) };
            else if (r.ValueTextEquals("StartPeriod"u8)) h = h with { StartPeriod = Long(ref r) };
            else if (r.ValueTextEquals("StartInterval"u8)) h = h with { StartInterval = Long(ref r) };
            else if (r.ValueTextEquals("Retries"u8)) h = h with { Retries = Int(ref r) };
            else Skip(ref r);
        }
        return h;
    }

    private static RootFS RootFS(ref Utf8JsonReader r)
    {
        if (!StartObjectOrNull(ref r)) throw new UnmodelledJsonException();
        var root = new RootFS { Type = null!, DiffIds = null! };
        while (Next(ref r))
        {
            if (r.ValueTextEquals("type"u8)) root = root with { Type = String(ref r) };
            else if (r.ValueTextEquals("diff_ids"u8)) root = root with { DiffIds = List(ref r, Digest) };
            else Skip(ref r);
        }
        return root;
    }

    private static HistoryEntry History(ref Utf8JsonReader r)
    {
        if (!StartObjectOrNull(ref r)) throw new UnmodelledJsonException();
        var h = new HistoryEntry();
        while (Next(ref r))
        {
            if (r.ValueTextEquals("created"u8)) h = h with { Created = Time(ref r) };
            else if (r.ValueTextEquals("created_by"u8)) h = h with { CreatedBy = NullableString(ref r) };
            else if (r.ValueTextEquals("author"u8)) h = h with { Author = NullableString(ref r) };
            else if (r.ValueTextEquals("comment"u8)) h = h with { Comment = NullableString(ref r) };
            else if (r.ValueTextEquals("empty_layer"u8)) h = h with { EmptyLayer = Bool(ref r) };
            else Skip(ref r);
        }
        return h;
    }

    /// <summary>A descriptor of mediaType, digest, size, urls and annotations; the rarer fields are left to the serializer.</summary>
    private static Descriptor Descriptor(ref Utf8JsonReader r)
    {
        if (!StartObjectOrNull(ref r)) throw new UnmodelledJsonException();
        string? mediaType = null;
        Digest? digest = null;
        long size = 0;
        IReadOnlyList<string>? urls = null;
        IReadOnlyDictionary<string, string>? annotations = null;
        while (Next(ref r))
        {
            if (r.ValueTextEquals("mediaType"u8)) mediaType = String(ref r);
            else if (r.ValueTextEquals("digest"u8)) digest = Digest(ref r);
            else if (r.ValueTextEquals("size"u8)) size = Long(ref r);
            else if (r.ValueTextEquals("urls"u8)) urls = Strings(ref r);
            else if (r.ValueTextEquals("annotations"u8)) annotations = StringMap(ref r);
            else if (r.ValueTextEquals("data"u8) || r.ValueTextEquals("platform"u8) || r.ValueTextEquals("artifactType"u8)) throw new UnmodelledJsonException();
            else Skip(ref r);
        }
        if (mediaType is null || digest is null) throw new UnmodelledJsonException();
        return new Descriptor(mediaType, digest.Value, size) { Urls = urls, Annotations = annotations };
    }

    private static Digest Digest(ref Utf8JsonReader r)
        => Core.Digest.TryParse(String(ref r), out Digest d) ? d : throw new UnmodelledJsonException();

    private static Dictionary<string, EmptyObject>? EmptyObjects(ref Utf8JsonReader r)
    {
        if (!StartObjectOrNull(ref r)) return null;
        var map = new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
        while (Next(ref r))
        {
            string key = r.GetString()!;
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) throw new UnmodelledJsonException();
            r.Skip();
            map[key] = EmptyObject.Instance;
        }
        return map;
    }
}
