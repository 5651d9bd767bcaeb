using System.Text.Json;
using Drydock.Core;

namespace Drydock.Runtime.Oci;

/// <summary>Reading and writing a bundle's config.json.</summary>
public static class OciBundle
{
    public static OciConfig ReadConfig(string bundle)
    {
        string path = Path.Combine(bundle, "config.json");
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new DrydockException(ErrorKind.NotFound, $"bundle '{bundle}' has no config.json");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DrydockException(ErrorKind.NotFound, $"bundle '{bundle}' does not exist");
        }
        // unknown fields are errors: a config field Drydock does not know is never ignored
        return OciConfigReader.Read(json, path);
    }

    public static async ValueTask WriteConfigAsync(string bundle, OciConfig config, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(bundle);
        await using FileStream s = File.Create(Path.Combine(bundle, "config.json"));
        await JsonSerializer.SerializeAsync(s, config, OciRuntimeJsonContext.Default.OciConfig, cancellationToken).ConfigureAwait(false);
    }
}
