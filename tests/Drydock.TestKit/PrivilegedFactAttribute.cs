using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Drydock.TestKit;

/// <summary>
/// A test that needs root, mounts and namespaces. It carries the trait Category=Privileged. It skips only on a
/// developer machine that cannot run it; in CI (CI=true) it always runs, so a green CI means it really ran.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Xunit.Sdk.FactDiscoverer", "xunit.execution.dotnet")]
[TraitDiscoverer("Drydock.TestKit.PrivilegedTraitDiscoverer", "Drydock.TestKit")]
public sealed class PrivilegedFactAttribute : FactAttribute, ITraitAttribute
{
    public PrivilegedFactAttribute()
    {
        if (Host.SkipReasonForPrivileged() is { } reason) Skip = reason;
    }
}

/// <summary>The same rule for theories.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Xunit.Sdk.TheoryDiscoverer", "xunit.execution.dotnet")]
[TraitDiscoverer("Drydock.TestKit.PrivilegedTraitDiscoverer", "Drydock.TestKit")]
public sealed class PrivilegedTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public PrivilegedTheoryAttribute()
    {
        if (Host.SkipReasonForPrivileged() is { } reason) Skip = reason;
    }
}

public sealed class PrivilegedTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>("Category", "Privileged");
    }
}
