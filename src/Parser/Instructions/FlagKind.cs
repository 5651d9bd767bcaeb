namespace Drydock.Parser.Instructions;

/// <summary>A string (last one wins is an error: repeats are rejected), a boolean (<c>--link</c>, <c>--link=false</c>), or a repeatable string.</summary>
internal enum FlagKind { String, Bool, StringArray }
