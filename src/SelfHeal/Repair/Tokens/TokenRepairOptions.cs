using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Repair.Tokens;

/// <summary>How the token-template engine generates and checks candidates.</summary>
public sealed class TokenRepairOptions
{
    /// <summary>Suspects generated for together before candidates are sorted and yielded. Default 3.</summary>
    [Range(1, 100)]
    public int SuspectBatchSize { get; set; } = 3;

    /// <summary>Candidates kept per suspect batch, best first. Default 400.</summary>
    [Range(1, 100_000)]
    public int MaxCandidatesPerBatch { get; set; } = 400;

    /// <summary>Candidates checked per syntax-checker process. Default 40.</summary>
    [Range(1, 1000)]
    public int CheckBatchSize { get; set; } = 40;

    /// <summary>Time limit of one syntax-checker process. Default 60 seconds.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Run the syntax checkers (python3, node, gofmt); when off, only the in-memory token check runs. Default on.</summary>
    public bool SyntaxCheck { get; set; } = true;
}
