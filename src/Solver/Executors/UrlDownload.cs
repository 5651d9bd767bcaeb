using System.Security.Cryptography;
using Drydock.Core;

namespace Drydock.Solver.Executors;

/// <summary>
/// ADD of an http(s) URL: fetched once per build into a private directory under tmp/, named after the URL's
/// last path segment, mode 0600 and mtime from Last-Modified as docker does, verified against --checksum.
/// </summary>
internal sealed class UrlDownload(DrydockRoot root, string url, string? checksum) : IDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromMinutes(10) };
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Directory { get; } = Path.Combine(root.Tmp, "add-url-" + Guid.NewGuid().ToString("N")[..16]);

    public Digest? Digest { get; private set; }

    public async Task<UrlDownload> EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Digest is null) await FetchAsync(cancellationToken).ConfigureAwait(false);
            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid ADD source URL '{url}'");
        string name = Path.GetFileName(uri.AbsolutePath.TrimEnd('/'));
        if (name.Length == 0) name = "index.html";
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, name);
        using HttpResponseMessage response = await s_http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new DrydockException(ErrorKind.Unavailable, $"failed to fetch '{url}': HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (FileStream file = File.Create(path))
        await using (Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            byte[] buffer = new byte[81920];
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            }
        }
        var digest = Core.Digest.FromSha256Hash(sha.GetHashAndReset());
        if (checksum is not null && !string.Equals(checksum, digest.ToString(), StringComparison.OrdinalIgnoreCase))
            throw new DrydockException(ErrorKind.DataCorrupted, $"ADD '{url}': checksum mismatch: expected {checksum}, got {digest}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (response.Content.Headers.LastModified is { } modified) File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
        Digest = digest;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        _gate.Dispose();
    }
}
