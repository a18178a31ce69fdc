using System.Diagnostics.CodeAnalysis;

namespace SelfHeal.Patches;

/// <summary>The outcome of <see cref="PatchDocument.Parse"/>: a document, or an error naming the offending line.</summary>
public sealed record PatchParseResult
{
    private PatchParseResult(PatchDocument? document, string? error, int? errorLine)
    {
        Document = document;
        Error = error;
        ErrorLine = errorLine;
    }

    public PatchDocument? Document { get; }

    /// <summary>What was wrong, starting with <c>line N:</c> when a line is to blame.</summary>
    public string? Error { get; }

    /// <summary>1-based line of the diff text the error is about.</summary>
    public int? ErrorLine { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Document is not null;

    public static PatchParseResult Success(PatchDocument document) => new(document, null, null);

    public static PatchParseResult Failure(string message, int? line = null) =>
        new(null, line is null ? message : $"line {line}: {message}", line);
}
