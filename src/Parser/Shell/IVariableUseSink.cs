namespace Drydock.Parser.Shell;

/// <summary>
/// Hears which variables an expansion looked up, in place of the sets <see cref="ShellWordResult"/> carries:
/// the instruction expander folds them straight into its own sets, so a word costs no sets of its own.
/// A name may be reported more than once.
/// </summary>
internal interface IVariableUseSink
{
    void Matched(string name);

    void Unmatched(string name);
}
