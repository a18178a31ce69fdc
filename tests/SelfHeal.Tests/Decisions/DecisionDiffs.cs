using SelfHeal.Decisions;
using SelfHeal.Localization;
using SelfHeal.Patches;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Security;
using SelfHeal.Validation;

namespace SelfHeal.Tests.Decisions;

/// <summary>Real-shaped diffs (as <c>git diff</c> prints them) and the evidence of a validated fix, for decision tests.</summary>
internal static class DecisionDiffs
{
    public const string BoundaryFix = """
        diff --git a/src/Shop/Cart.cs b/src/Shop/Cart.cs
        index 3b18e51..a9c2f04 100644
        --- a/src/Shop/Cart.cs
        +++ b/src/Shop/Cart.cs
        @@ -40,8 +40,8 @@ public sealed class Cart
             public decimal Discount(int quantity)
             {
                 foreach (var tier in _tiers)
                 {
        -            if (quantity > tier.Minimum)
        +            if (quantity >= tier.Minimum)
                     {
                         return tier.Rate;
                     }

        """;

    public const string CommentFix = """
        diff --git a/src/Billing/Rounding.cs b/src/Billing/Rounding.cs
        index 11aa2b3..22bb3c4 100644
        --- a/src/Billing/Rounding.cs
        +++ b/src/Billing/Rounding.cs
        @@ -8,6 +8,6 @@ namespace Billing;
         public static class Rounding
         {
        -    // Rounds half up, as the tax office requires.
        +    // Rounds half to even (banker's rounding), as the tax office requires.
             public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.ToEven);
         }
         

        """;

    public const string BillingCodeFix = """
        diff --git a/src/Billing/Invoice.cs b/src/Billing/Invoice.cs
        index 5d41402..7c9e1a0 100644
        --- a/src/Billing/Invoice.cs
        +++ b/src/Billing/Invoice.cs
        @@ -27,7 +27,7 @@ public sealed class Invoice
             public decimal Total()
             {
                 var net = Lines.Sum(l => l.Net);
        -        return net + net * TaxRate / 10;
        +        return net + net * TaxRate / 100;
             }
         
             public decimal TaxRate { get; init; }

        """;

    public const string AuthFix = """
        diff --git a/src/Auth/TokenValidator.cs b/src/Auth/TokenValidator.cs
        index 0aa1b2c..0bb2c3d 100644
        --- a/src/Auth/TokenValidator.cs
        +++ b/src/Auth/TokenValidator.cs
        @@ -51,7 +51,7 @@ public sealed class TokenValidator
             public bool IsValid(Token token, DateTimeOffset now)
             {
                 if (token.Signature is null) return false;
        -        return token.ExpiresAt > now || token.ExpiresAt == default;
        +        return token.ExpiresAt > now;
             }
         }
         

        """;

    public const string SqlFix = """
        diff --git a/src/Orders/OrderRepository.cs b/src/Orders/OrderRepository.cs
        index 4e5f6a7..8b9c0d1 100644
        --- a/src/Orders/OrderRepository.cs
        +++ b/src/Orders/OrderRepository.cs
        @@ -18,7 +18,8 @@ public sealed class OrderRepository(DbConnection connection)
             public async Task<Order?> FindAsync(string id)
             {
                 using var command = connection.CreateCommand();
        -        command.CommandText = "SELECT * FROM orders WHERE id = '" + id + "'";
        +        command.CommandText = "SELECT * FROM orders WHERE id = @id";
        +        command.Parameters.Add(new SqlParameter("@id", id));
                 using var reader = await command.ExecuteReaderAsync();
                 return await reader.ReadAsync() ? Order.From(reader) : null;
             }

        """;

    public const string LockFix = """
        diff --git a/src/Shop/Counter.cs b/src/Shop/Counter.cs
        index 1a2b3c4..5d6e7f8 100644
        --- a/src/Shop/Counter.cs
        +++ b/src/Shop/Counter.cs
        @@ -12,6 +12,6 @@ public sealed class Counter
             public void Add(int amount)
             {
        -        _total += amount;
        +        {LINE}
             }
         
             public int Total => _total;

        """;

    public const string PythonThreadingFix = """
        diff --git a/worker/queue.py b/worker/queue.py
        index 9f8e7d6..6c5b4a3 100644
        --- a/worker/queue.py
        +++ b/worker/queue.py
        @@ -1,4 +1,5 @@
         import collections
        +import threading
         
         
         class Queue:

        """;

    /// <summary>A four-file change: one line in each of four services.</summary>
    public static string FourFiles { get; } = string.Concat(new[] { "Orders", "Billing", "Shipping", "Stock" }.Select(name => $$"""
        diff --git a/src/{{name}}/Limits.cs b/src/{{name}}/Limits.cs
        index 1111111..2222222 100644
        --- a/src/{{name}}/Limits.cs
        +++ b/src/{{name}}/Limits.cs
        @@ -3,3 +3,3 @@ namespace {{name}};
         public static class Limits
         {
        -    public const int Max = 10;
        +    public const int Max = 100;

        """));

    public static PatchDocument Parse(string diff)
    {
        var parsed = PatchDocument.Parse(diff);
        Assert.True(parsed.Succeeded, parsed.Error);
        return parsed.Document!;
    }

    /// <summary>The evidence of a fix that passed the scan, the reproduced failure and the whole suite.</summary>
    public static IReadOnlyList<LayerResult> FullEvidence(params SecurityFinding[] advisory) =>
    [
        new("security-scan", LayerOutcome.Passed, TimeSpan.Zero, advisory.Length == 0 ? "no findings" : "advisory")
        {
            Findings = advisory,
            ConfidenceFactor = advisory.Aggregate(1.0, (c, f) => c * new SecurityScanOptions().ConfidenceFactors[f.Severity]),
        },
        new("compile", LayerOutcome.Passed, TimeSpan.Zero, "compiled Shop in memory without errors"),
        new("targeted-tests", LayerOutcome.Passed, TimeSpan.Zero, "1 previously failing test(s) pass") { TestsBefore = new(0, 1, 0), TestsAfter = new(1, 0, 0) },
        new("regression", LayerOutcome.Passed, TimeSpan.Zero, "42 tests pass") { TestsBefore = new(41, 1, 0), TestsAfter = new(42, 0, 0) },
    ];

    /// <summary>The evidence of a fix whose whole suite did not run.</summary>
    public static IReadOnlyList<LayerResult> TargetedOnly() => [.. FullEvidence().Where(e => e.Layer != "regression")];

    public static DecisionInput Input(
        string diff, IReadOnlyList<LayerResult>? evidence = null, int reproduced = 1, string engine = "csharp-templates",
        IReadOnlyList<AlternativeFix>? alternatives = null, Suspect? suspect = null, BugReport? report = null)
    {
        var patch = Parse(diff);
        var verdict = new Verdict(CandidateVerdict.Plausible, null, reproduced, "passed", evidence ?? FullEvidence()) { Diff = diff };
        return new DecisionInput(patch, verdict, engine, "relational-boundary", reproduced, alternatives ?? [], suspect,
            ChangedCode.SecurityFindings(new DiffSecurityScanner(), patch), report ?? new BugReport("Totals are wrong"));
    }
}
