using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SelfHeal.Auditing;
using SelfHeal.Cli.Rendering;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Commands;

/// <summary>
/// <c>selfheal audit verify [RUN-ID|--all]</c> checks runs' hash-chained audit logs against their run records;
/// <c>selfheal audit show RUN-ID</c> prints one log. Verify exits 0 when intact, 1 when tampered, 2 on bad input.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Check or print the audit logs of runs (every command, file edit, model and API call).");
        command.Subcommands.Add(CreateVerify());
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private static Command CreateVerify()
    {
        var id = new Argument<string?>("run-id") { Description = "The run whose log to verify.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Verify every run's log." };
        var command = new Command("verify", "Verify audit logs: any edit, deletion, reordering or truncation is reported with the entry number.") { id, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runId = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if ((runId is null) != everything)
            {
                return DiagnoseCommand.Fail("give either a RUN-ID or --all. List runs with: selfheal runs");
            }
            await using var services = CliServices.Build(parse);
            var logs = services.GetRequiredService<AuditLogFactory>();
            var store = services.GetRequiredService<IRunStore>();
            IReadOnlyList<string> runIds;
            if (runId is not null)
            {
                if (!RunId.IsWellFormed(runId))
                {
                    return DiagnoseCommand.Fail($"'{SafeText.FirstLine(runId, 80)}' is not a run id. List runs with: selfheal runs");
                }
                var run = await store.GetAsync(runId, cancellationToken).ConfigureAwait(false);
                if (run is null && !File.Exists(logs.PathFor(runId)))
                {
                    return DiagnoseCommand.Fail($"no run '{runId}' and no audit log for it. List runs with: selfheal runs");
                }
                runIds = [runId];
            }
            else
            {
                var directory = services.GetRequiredService<IOptions<AuditOptions>>().Value.Directory;
                runIds = Directory.Exists(directory)
                    ? [.. Directory.EnumerateFiles(directory, "*.jsonl").Select(Path.GetFileNameWithoutExtension).OfType<string>().Where(RunId.IsWellFormed).Order(StringComparer.Ordinal)]
                    : [];
                if (runIds.Count == 0)
                {
                    Output.Out.WriteLine("No audit logs yet.");
                    return ExitCodes.Success;
                }
            }

            var tampered = 0;
            foreach (var each in runIds)
            {
                var run = await store.GetAsync(each, cancellationToken).ConfigureAwait(false);
                var seal = run?.State.AuditSeal;
                var result = SealedAuditVerifier.Verify(logs.PathFor(each), seal);
                if (result.IsValid)
                {
                    var sealNote = seal is null ? "no seal in the run record, so a cut at the end would not show" : $"sealed at entry {seal.Entries.ToString(CultureInfo.InvariantCulture)}";
                    Output.Out.WriteLine($"ok        {each}  {result.EntryCount.ToString(CultureInfo.InvariantCulture)} entries, chain intact ({sealNote})");
                }
                else
                {
                    tampered++;
                    Output.Out.WriteLine($"TAMPERED  {each}  at entry {result.FirstBadSequence?.ToString(CultureInfo.InvariantCulture)}: {result.Reason}");
                }
            }
            if (tampered > 0)
            {
                Output.Error.WriteLine($"{tampered} audit log(s) were tampered with. Keep them as evidence; the runs' other records may be affected too.");
                return ExitCodes.NothingFound;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("run-id") { Description = "The run whose log to print." };
        var json = GlobalOptions.Json();
        var command = new Command("show", "Print a run's audit log, oldest entry first.") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runId = parse.GetValue(id)!;
            if (!RunId.IsWellFormed(runId))
            {
                return DiagnoseCommand.Fail($"'{SafeText.FirstLine(runId, 80)}' is not a run id. List runs with: selfheal runs");
            }
            await using var services = CliServices.Build(parse);
            var log = services.GetRequiredService<AuditLogFactory>().ForRun(runId);
            var path = services.GetRequiredService<AuditLogFactory>().PathFor(runId);
            if (!File.Exists(path))
            {
                return DiagnoseCommand.Fail($"no audit log for run '{runId}' (looked for {path}). List runs with: selfheal runs");
            }
            var entries = await log.ReadAsync(cancellationToken).ConfigureAwait(false);
            var run = await services.GetRequiredService<IRunStore>().GetAsync(runId, cancellationToken).ConfigureAwait(false);
            var verification = SealedAuditVerifier.Verify(path, run?.State.AuditSeal);
            if (parse.GetValue(json))
            {
                var array = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
                {
                    ["sequence"] = e.Sequence,
                    ["timestamp"] = AuditHashing.FormatTimestamp(e.Timestamp),
                    ["actor"] = e.Actor,
                    ["kind"] = AuditEntryKinds.ToName(e.Kind),
                    ["summary"] = e.Summary,
                    ["detail"] = JsonNode.Parse(e.Detail),
                    ["hash"] = e.Hash,
                })]);
                var document = new JsonObject { ["runId"] = runId, ["intact"] = verification.IsValid, ["problem"] = verification.Reason, ["entries"] = array };
                Output.Out.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }
            Output.Out.WriteLine($"Audit log of run {runId} — {entries.Count.ToString(CultureInfo.InvariantCulture)} entries — {path}");
            foreach (var entry in entries)
            {
                Output.Out.WriteLine($"  {entry.Sequence,5}  {entry.Timestamp.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}  {AuditEntryKinds.ToName(entry.Kind),-10} {SafeText.FirstLine(entry.Actor, 30),-9} {SafeText.FirstLine(entry.Summary, 300)}");
            }
            Output.Out.WriteLine(verification.IsValid ? "Chain intact." : $"TAMPERED at entry {verification.FirstBadSequence?.ToString(CultureInfo.InvariantCulture)}: {verification.Reason}");
            return ExitCodes.Success;
        });
        return command;
    }
}
