using System.Diagnostics;
using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Exporter.Archive;
using Drydock.TestKit;

namespace Drydock.Cli.Tests;

/// <summary>The image commands run as a user runs them: the drydock executable against a fresh --root.</summary>
public sealed class ImageCommandsTests : IDisposable
{
    private readonly TempDir _dir = new("drydock-cli-images");
    private readonly string _root;

    public ImageCommandsTests() => _root = _dir.Combine("root");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Images_on_an_empty_store_prints_the_header()
    {
        var r = await RunAsync("images");
        Assert.Equal(0, r.Exit);
        Assert.Equal("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", r.Stdout);
    }

    [Fact]
    public async Task Load_then_list_tag_inspect_history_and_remove()
    {
        string archive = await MakeArchiveAsync("docker.io/library/app:1");
        var load = await RunAsync("load", "-i", archive);
        Assert.Equal("Loaded image: app:1\n", load.Stdout);

        var images = await RunAsync("images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}");
        Assert.Equal("app:1 ", images.Stdout[..6]);
        Assert.Equal(0, (await RunAsync("tag", "app:1", "localhost:5000/team/app:v2")).Exit);

        var quiet = await RunAsync("images", "-q");
        string[] ids = quiet.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, ids.Length);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{12}$", id));

        var json = await RunAsync("images", "--format", "json");
        var rows = json.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
        Assert.Equal(["app", "localhost:5000/team/app"], rows.Select(d => d.RootElement.GetProperty("Repository").GetString()).Order());

        var inspect = await RunAsync("inspect", "app:1");
        using JsonDocument doc = JsonDocument.Parse(inspect.Stdout);
        JsonElement image = doc.RootElement[0];
        Assert.StartsWith("sha256:" + ids[0], image.GetProperty("Id").GetString(), StringComparison.Ordinal);
        Assert.Equal(["app:1", "localhost:5000/team/app:v2"], image.GetProperty("RepoTags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("layers", image.GetProperty("RootFS").GetProperty("Type").GetString());
        Assert.Equal("/hello", image.GetProperty("Config").GetProperty("Cmd")[0].GetString());

        Assert.Equal($"sha256:{ids[0]}", (await RunAsync("inspect", "-f", "{{.Id}}", "app:1")).Stdout[..19]);
        Assert.Equal("[/hello] amd64\n".Replace("amd64", Core.Oci.Platform.Host.Architecture, StringComparison.Ordinal),
            (await RunAsync("inspect", "--format", "{{.Config.Cmd}} {{.Architecture}}", "app:1")).Stdout);
        Assert.Equal("{\"Cmd\":[\"/hello\"]}\n", (await RunAsync("inspect", "--format", "{{json .Config}}", "app:1")).Stdout);

        var history = await RunAsync("history", "--no-trunc", "app:1");
        Assert.Contains("COPY hello.txt / # a long step description that docker would cut at 45 characters", history.Stdout, StringComparison.Ordinal);
        var raw = await RunAsync("history", "--human=false", "--format", "{{.Size}}", "app:1");
        Assert.Matches("^[0-9]+\n$", raw.Stdout);
        var truncated = await RunAsync("history", "app:1");
        Assert.Contains("COPY hello.txt / # a long step description t…", truncated.Stdout, StringComparison.Ordinal);

        var untag = await RunAsync("rmi", "app:1");
        Assert.Equal("Untagged: app:1\n", untag.Stdout);
        var delete = await RunAsync("rmi", "localhost:5000/team/app:v2");
        Assert.StartsWith("Untagged: localhost:5000/team/app:v2\nDeleted: sha256:", delete.Stdout, StringComparison.Ordinal);
        Assert.Equal("", (await RunAsync("images", "-q")).Stdout);
        // the blobs went with the last name
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "content", "blobs", "sha256")));
    }

    [Fact]
    public async Task Save_as_oci_is_read_by_skopeo()
    {
        await RunAsync("load", "-i", await MakeArchiveAsync("docker.io/library/app:1"));
        string saved = _dir.Combine("saved.tar");
        var save = await RunAsync("save", "--format", "oci", "-o", saved, "app:1");
        Assert.Equal(0, save.Exit);
        var skopeo = await RunToolAsync("skopeo", "inspect", $"oci-archive:{saved}:1");
        Assert.Equal(0, skopeo.Exit);
    }

    [Fact]
    public async Task Corrupt_archive_gets_a_one_line_error_naming_the_file()
    {
        string archive = await MakeArchiveAsync("docker.io/library/app:1");
        byte[] bytes = await File.ReadAllBytesAsync(archive);
        string truncated = _dir.Combine("broken.tar");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var r = await RunAsync("load", "-i", truncated);
        Assert.Equal(1, r.Exit);
        Assert.StartsWith($"Error: failed to load '{truncated}': ", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", (await RunAsync("images", "-q")).Stdout);
    }

    [Fact]
    public async Task Bad_references_and_registry_pulls_fail_clearly()
    {
        var tag = await RunAsync("tag", "nothing", "good:1");
        Assert.Equal(1, tag.Exit);
        Assert.Contains("no such image: nothing", tag.Stderr, StringComparison.Ordinal);

        await RunAsync("load", "-i", await MakeArchiveAsync("docker.io/library/app:1"));
        var malformed = await RunAsync("tag", "app:1", "Bad:Ref");
        Assert.Equal(2, malformed.Exit);
        Assert.Contains("invalid reference 'Bad:Ref': repository name must be lowercase", malformed.Stderr, StringComparison.Ordinal);

        var pull = await RunAsync("pull", "busybox");
        Assert.Equal(1, pull.Exit);
        Assert.Contains("pulling from registries is not supported yet", pull.Stderr, StringComparison.Ordinal);

        var rmi = await RunAsync("rmi", "missing:1");
        Assert.Equal(1, rmi.Exit);
        Assert.Contains("no such image: missing:1", rmi.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_from_an_oci_layout_and_prune()
    {
        string layout = _dir.Combine("layout");
        await RunAsync("load", "-i", await MakeArchiveAsync("docker.io/library/app:1"));
        Assert.Equal(0, (await RunAsync("pull", $"oci-layout://{await MakeLayoutAsync(layout)}:7")).Exit);
        Assert.Contains("localhost/layout:7", (await RunAsync("images", "--format", "{{.Repository}}:{{.Tag}}")).Stdout, StringComparison.Ordinal);

        // moving the tag leaves the first image dangling; image prune removes it and its blobs
        await RunAsync("tag", "localhost/layout:7", "app:1");
        var list = await RunAsync("images", "--filter", "dangling=true", "-q");
        Assert.Single(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var prune = await RunAsync("image", "prune", "-f");
        Assert.Contains("deleted: sha256:", prune.Stdout, StringComparison.Ordinal);
        Assert.Matches("Total reclaimed space: [0-9.]+[kM]?B", prune.Stdout);
        Assert.Equal("", (await RunAsync("images", "--filter", "dangling=true", "-q")).Stdout);

        var all = await RunAsync("system", "prune", "-a", "-f");
        Assert.Contains("untagged: app:1", all.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "content", "blobs", "sha256")));
    }

    [Fact]
    public async Task System_df_counts_images()
    {
        await RunAsync("load", "-i", await MakeArchiveAsync("docker.io/library/app:1"));
        var df = await RunAsync("system", "df");
        string[] lines = df.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TYPE", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^Images\s+1\s+0\s+\S+B\s+\S+B \(100%\)$", lines[1]);
    }

    [Fact]
    public async Task Concurrent_loads_tags_and_prunes_on_one_root_lose_nothing()
    {
        string[] archives = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => MakeArchiveAsync($"docker.io/library/job{i}:1", $"job {i}")));
        var work = new List<Task<(int Exit, string Stdout, string Stderr)>>();
        for (int i = 0; i < archives.Length; i++) work.Add(RunAsync("load", "-i", archives[i]));
        work.Add(RunAsync("system", "prune", "-f"));
        work.Add(RunAsync("system", "prune", "-f"));
        var results = await Task.WhenAll(work);
        Assert.All(results, r => Assert.True(r.Exit == 0, r.Stderr));

        var tags = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => RunAsync("tag", $"job{i}:1", $"shared:{i}")));
        Assert.All(tags, r => Assert.True(r.Exit == 0, r.Stderr));
        Assert.Equal(0, (await RunAsync("system", "prune", "-f")).Exit);
        for (int i = 0; i < 4; i++)
        {
            var save = await RunAsync("save", "-o", _dir.Combine($"check{i}.tar"), $"shared:{i}");
            Assert.True(save.Exit == 0, save.Stderr); // every blob of every image is still there
        }
        Assert.Equal(8, (await RunAsync("images", "-q")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>A docker-archive holding a one-layer image, made in a scratch store.</summary>
    private async Task<string> MakeArchiveAsync(string name, string text = "hello")
    {
        var (content, target) = await MakeImageAsync(text);
        string file = _dir.Combine($"archive-{Guid.NewGuid():N}.tar");
        await using var f = File.Create(file);
        await DockerArchiveWriter.WriteAsync(content, [new ExportedImage(name, target)], f);
        return file;
    }

    private async Task<string> MakeLayoutAsync(string dir)
    {
        var (content, target) = await MakeImageAsync("other");
        await OciLayoutWriter.WriteAsync(content, [new ExportedImage("7", target) with { Name = null }], dir);
        // skopeo/umoci write bare tags in ref.name: rewrite index.json that way
        string index = await File.ReadAllTextAsync(Path.Combine(dir, "index.json"));
        string tagged = index.Replace("\"size\":", "\"annotations\":{\"org.opencontainers.image.ref.name\":\"7\"},\"size\":", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(dir, "index.json"), tagged);
        return dir;
    }

    private async Task<(IContentStore, Descriptor)> MakeImageAsync(string text)
    {
        var images = ImageService.Open(new DrydockRoot(_dir.Combine($"scratch-{Guid.NewGuid():N}")));
        using var tar = new MemoryStream();
        using (var w = new System.Formats.Tar.TarWriter(tar, leaveOpen: true))
            w.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) });
        Descriptor layer = await images.Content.WriteBlobAsync(tar.ToArray(), MediaTypes.OciLayer);
        var config = new ImageConfig
        {
            Created = DateTimeOffset.UtcNow.AddDays(-3),
            Config = new ContainerConfig { Cmd = ["/hello"] },
            RootFS = new RootFS { DiffIds = [layer.Digest] },
            History = [new HistoryEntry { CreatedBy = "COPY hello.txt / # a long step description that docker would cut at 45 characters" }],
        };
        ResolvedImage image = await images.CreateImageAsync(null, new ImageManifest { Config = layer, Layers = [layer] }, config);
        return (images.Content, image.Target);
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
        => RunToolAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "drydock.dll"), "--root", _root, .. args]);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunToolAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        using Process p = Process.Start(start)!;
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(), stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
