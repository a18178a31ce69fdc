namespace SelfHeal.Repair;

/// <summary>How many candidates an engine generated and how many it rejected before any test ran. Thread-safe.</summary>
public sealed class RepairCounters
{
    private int _generated;
    private int _rejectedInMemory;

    /// <summary>Candidates produced by templates, before any check.</summary>
    public int Generated => Volatile.Read(ref _generated);

    /// <summary>Candidates dropped by an in-memory or syntax check (did not compile, did not parse).</summary>
    public int RejectedInMemory => Volatile.Read(ref _rejectedInMemory);

    public void AddGenerated(int count = 1) => Interlocked.Add(ref _generated, count);

    public void AddRejectedInMemory(int count = 1) => Interlocked.Add(ref _rejectedInMemory, count);
}
