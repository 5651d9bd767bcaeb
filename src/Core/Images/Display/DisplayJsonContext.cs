namespace Drydock.Core.Images.Display;

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class DisplayJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
