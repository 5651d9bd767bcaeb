using Drydock.Core;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Executors;

/// <summary>Which executor runs which op type; the composition root fills it.</summary>
public sealed class ExecutorSet
{
    private readonly Dictionary<Type, IOpExecutor> _executors = [];

    public ExecutorSet Add<TOp>(IOpExecutor executor) where TOp : Op
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executors[typeof(TOp)] = executor;
        return this;
    }

    public IOpExecutor For(Op op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return _executors.TryGetValue(op.GetType(), out IOpExecutor? e) ? e
            : throw new DrydockException(ErrorKind.Unsupported, $"no executor for '{op.GetType().Name}' operations");
    }
}
