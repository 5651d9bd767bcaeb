namespace Drydock.Parser.Instructions;

/// <summary>One flag an instruction accepts: <c>--name</c> and the kind of value it takes.</summary>
internal readonly record struct FlagSpec(string Name, FlagKind Kind)
{
    public static FlagSpec String(string name) => new(name, FlagKind.String);

    public static FlagSpec Bool(string name) => new(name, FlagKind.Bool);

    public static FlagSpec Strings(string name) => new(name, FlagKind.StringArray);
}
