namespace SelfHeal.StackTraces;

/// <summary>One frame of a stack trace, top (innermost call) first in its list.</summary>
/// <param name="Function">The function as the trace names it (<c>Shop.Cart.Total</c>, <c>total</c>, <c>com.acme.Cart.total</c>), without its parameter list; a .NET async state machine (<c>&lt;TotalAsync&gt;d__3.MoveNext</c>) is named after its method.</param>
/// <param name="File">The path as printed in the trace (may be from another machine), or <see langword="null"/>.</param>
/// <param name="Line">1-based line, or <see langword="null"/> when the trace has none.</param>
public sealed record StackFrame(string Function, string? File, int? Line)
{
    public int? Column { get; init; }

    /// <summary>Repo-relative path once the frame was mapped to a file of the repo; <see langword="null"/> for library frames.</summary>
    public string? RepoPath { get; init; }

    /// <summary>The frame is in the project's own code (mapped to a repo file, or recognised by namespace) rather than a library or the runtime.</summary>
    public bool IsProjectFrame { get; init; }
}
