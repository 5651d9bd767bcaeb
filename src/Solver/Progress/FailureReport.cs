using Drydock.Solver.Scheduling;

namespace Drydock.Solver.Progress;

/// <summary>
/// What a failed build prints before its one-line error, as BuildKit does: the failing step with its last
/// output lines, then the Dockerfile lines around it with the failing one marked.
/// </summary>
public static class FailureReport
{
    public static void Write(TextWriter output, StepFailedException failure, string dockerfileText)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Step is not { } step) return;
        output.WriteLine("------");
        output.WriteLine($" > {step.Display}:");
        foreach (string line in failure.OutputTail) output.WriteLine(line);
        output.WriteLine("------");
        if (step.File is null || step.Line <= 0 || dockerfileText is null) return;
        string[] lines = dockerfileText.Split('\n');
        output.WriteLine($"{step.File}:{step.Line}");
        output.WriteLine("--------------------");
        for (int i = Math.Max(1, step.Line - 2); i <= Math.Min(lines.Length, step.Line + 2); i++)
            output.WriteLine($"{i,4} | {(i == step.Line ? ">>> " : "")}{lines[i - 1].TrimEnd('\r')}");
        output.WriteLine("--------------------");
    }
}
