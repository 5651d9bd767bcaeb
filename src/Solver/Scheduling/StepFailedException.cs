using Drydock.Core;
using Drydock.Solver.Graph;

namespace Drydock.Solver.Scheduling;

/// <summary>
/// A build step failed: <c>Dockerfile:7: RUN make install: process "/bin/sh -c make install" exited with code 2</c>.
/// <see cref="ProcessExitCode"/> is the process's exit code for RUN steps; <see cref="OutputTail"/> its last output lines.
/// </summary>
public sealed class StepFailedException(string message, int? exitCode = null, IReadOnlyList<string>? outputTail = null, Exception? innerException = null)
    : DrydockException(ErrorKind.FailedPrecondition, message, innerException)
{
    public int? ProcessExitCode { get; } = exitCode;

    public IReadOnlyList<string> OutputTail { get; } = outputTail ?? [];

    /// <summary>The step that failed, once located.</summary>
    public VertexInfo? Step { get; private init; }

    /// <summary>Wraps a step's error with its Dockerfile line and instruction, keeping exit code and output.</summary>
    public static StepFailedException Located(Vertex vertex, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(vertex);
        ArgumentNullException.ThrowIfNull(inner);
        var failed = inner as StepFailedException;
        string where = vertex.Info.File is { } file ? $"{file}:{vertex.Info.Line}: " : "";
        return new StepFailedException(where + vertex.Info.Name, failed?.ProcessExitCode, failed?.OutputTail, inner) { Step = vertex.Info };
    }
}
