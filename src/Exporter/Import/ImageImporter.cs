using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Layers;
using Drydock.Core.Leases;
using Drydock.Core.Oci;

namespace Drydock.Exporter.Import;

/// <summary>
/// <c>import TARBALL|DIR [REF]</c>: a root filesystem as a one-layer image, like <c>docker import</c>.
/// <paramref name="writeLayer"/> turns the source (a directory, or a tarball that may be compressed) into a
/// layer blob with its diff ID; the layers room provides it. The config gets the host platform, the
/// <c>--change</c> instructions and one history entry; the image is named under a lease that covers the layer.
/// </summary>
public sealed class ImageImporter(ImageService images, LeaseManager leases, Func<IContentStore, string, CancellationToken, ValueTask<Layer>> writeLayer)
{
    public async Task<ResolvedImage> ImportAsync(string source, string? name, IReadOnlyList<string> changes, string? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(changes);
        ContainerConfig containerConfig = ImageChanges.Apply(new ContainerConfig(), changes);
        if (name is not null) Core.References.ImageReference.Parse(name);
        if (!File.Exists(source) && !Directory.Exists(source))
            throw new DrydockException(ErrorKind.NotFound, $"failed to import '{source}': no such file or directory");

        await using Lease lease = await leases.CreateAsync($"import {source}", cancellationToken: cancellationToken).ConfigureAwait(false);
        Layer layer;
        try
        {
            layer = await writeLayer(images.Content, source, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, $"failed to import '{source}': not a valid tar archive ({e.GetType().Name})");
        }
        await lease.AddAsync(layer.Descriptor.Digest, cancellationToken).ConfigureAwait(false);

        DateTimeOffset created = images.Time.GetUtcNow();
        var config = new ImageConfig
        {
            Created = created,
            Architecture = Platform.Host.Architecture,
            Variant = Platform.Host.Variant,
            OS = Platform.Host.OS,
            Config = containerConfig,
            RootFS = new RootFS { DiffIds = [layer.DiffId] },
            History = [new HistoryEntry { Created = created, CreatedBy = "drydock import", Comment = message ?? $"Imported from {Path.GetFileName(Path.TrimEndingDirectorySeparator(source))}" }],
        };
        var manifest = new ImageManifest { Config = new Descriptor(MediaTypes.OciImageConfig, default, 0), Layers = [layer.Descriptor] };
        return await images.CreateImageAsync(name, manifest, config, cancellationToken).ConfigureAwait(false);
    }
}
