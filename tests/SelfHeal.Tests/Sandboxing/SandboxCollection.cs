namespace SelfHeal.Tests.Sandboxing;

/// <summary>Sandbox tests start real sandboxes with real limits: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxCollection
{
    public const string Name = "Sandbox";
}
