using System.Text.Json.Serialization;

namespace Drydock.Core.Images;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageRecord))]
internal sealed partial class ImageStoreJsonContext : JsonSerializerContext;
