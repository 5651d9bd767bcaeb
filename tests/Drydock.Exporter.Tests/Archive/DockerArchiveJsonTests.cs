using System.Text;
using System.Text.Json;
using Drydock.Exporter.Archive;

namespace Drydock.Exporter.Tests.Archive;

/// <summary>manifest.json and repositories as the serializer that reads them back would write them.</summary>
public sealed class DockerArchiveJsonTests
{
    [Fact]
    public void Manifest_is_written_as_the_serializer_writes_it()
    {
        List<DockerArchiveEntry> entries =
        [
            new("blobs/sha256/aa", ["app:1", "localhost:5000/team/app:v2+rc", "é<x>"], ["blobs/sha256/bb", "blobs/sha256/cc"]),
            new("blobs/sha256/dd", null, []),
        ];
        Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(entries, DockerArchiveJsonContext.Default.ListDockerArchiveEntry)),
            Encoding.UTF8.GetString(DockerArchiveJson.Manifest(entries)));
    }

    [Fact]
    public void Repositories_are_written_as_the_serializer_writes_them()
    {
        var repositories = new Dictionary<string, Dictionary<string, string>>
        {
            ["app"] = new() { ["1"] = "aa", ["latest"] = "bb" },
            ["localhost:5000/team/app"] = new() { ["v2+rc"] = "cc" },
            ["empty"] = [],
        };
        Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(repositories, DockerArchiveJsonContext.Default.DictionaryStringDictionaryStringString)),
            Encoding.UTF8.GetString(DockerArchiveJson.Repositories(repositories)));
    }
}
