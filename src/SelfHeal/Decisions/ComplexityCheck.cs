using System.Text.RegularExpressions;
using SelfHeal.Patches;

namespace SelfHeal.Decisions;

/// <summary>
/// Whether a fix is beyond what SelfHeal should decide alone: it changes more files than the policy allows, it
/// adds or changes concurrency code (locks, monitors, atomics, semaphores, threads), or nothing reproduced the bug.
/// Each reason is returned as <c>id: detail</c>; none means the fix may go through the matrix. Pure.
/// </summary>
public static partial class ComplexityCheck
{
    public const string ManyFiles = "many-files";
    public const string Concurrency = "concurrency";
    public const string NoReproduction = "no-reproduction";

    public static IReadOnlyList<string> Check(DecisionInput input, DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        var reasons = new List<string>();
        if (input.ReproducedFailures == 0)
        {
            reasons.Add($"{NoReproduction}: no failing test reproduced the bug, so nothing proves the fix");
        }
        var files = input.Patch.Files.Count;
        if (files > policy.MaxFilesBeforeEscalation)
        {
            reasons.Add($"{ManyFiles}: {files} files change (more than {policy.MaxFilesBeforeEscalation})");
        }
        if (policy.EscalateConcurrency && FirstConcurrencyLine(input.Patch) is { } hit)
        {
            reasons.Add($"{Concurrency}: '{hit.Token}' in {hit.File}:{hit.Line}; concurrency bugs pass tests by luck");
        }
        return reasons;
    }

    private static (string Token, string File, int Line)? FirstConcurrencyLine(PatchDocument patch)
    {
        foreach (var file in patch.Files)
        {
            foreach (var line in file.Hunks.SelectMany(h => h.Lines).Where(l => l.Kind != PatchLineKind.Context))
            {
                var text = line.Text.Trim();
                if (text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith('#'))
                {
                    continue;
                }
                if (Primitive().Match(text) is { Success: true } match)
                {
                    return (match.Value.Trim(), file.Path, line.NewLineNumber ?? line.OldLineNumber ?? 0);
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"\block\s*\(|\bMonitor\.\w+|\bInterlocked\.\w+|\bSemaphoreSlim\b|\bSemaphore\b|\bMutex\b|\bReaderWriterLock(Slim)?\b|\bSpinLock\b|\bnew\s+Thread\b|\bThreadPool\.\w+|\bvolatile\b|\bSystem\.Threading\b|\bthreading\.\w+|\bimport\s+threading\b|\bsynchronized\b|\bsync\.(RW)?Mutex\b|\batomic\.\w+|\bAtomic(Integer|Long|Boolean|Reference)\b|\basyncio\.(Lock|Semaphore)\b|\bwith\s+\w*lock\b", RegexOptions.CultureInvariant)]
    private static partial Regex Primitive();
}
