using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.AgentTrace;
using SelfHeal.Cli.Rendering;
using SelfHeal.Git;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal trace COMMIT</c> and <c>selfheal blame FILE[:LINE]</c>: who wrote which lines, from Agent Trace records.</summary>
internal static class TraceCommands
{
    public static Command Trace()
    {
        var commit = new Argument<string>("commit") { Description = "The commit whose Agent Trace record to print (a SHA, branch or tag)." };
        var repo = RepoOption();
        var json = GlobalOptions.Json();
        var command = new Command("trace", "Print a commit's Agent Trace record: which lines an AI wrote, which model, which run.") { commit, repo, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (RepoError(parse.GetValue(repo)!) is { } error)
            {
                return DiagnoseCommand.Fail(error);
            }
            await using var services = CliServices.Build(parse);
            var git = services.GetRequiredService<GitClient>();
            var repository = Path.GetFullPath(parse.GetValue(repo)!);
            var resolved = await git.RunAsync(repository, ["rev-parse", "--verify", "--quiet", parse.GetValue(commit)! + "^{commit}"], cancellationToken).ConfigureAwait(false);
            if (!resolved.Succeeded)
            {
                return DiagnoseCommand.Fail($"'{parse.GetValue(commit)}' is not a commit of {repository}.");
            }
            var sha = resolved.Output.Trim();
            var record = await services.GetRequiredService<TraceNotes>().ReadAsync(repository, sha, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                Output.Error.WriteLine($"Commit {sha[..12]} has no Agent Trace record ({TraceNotes.Ref}): no AI-written lines are recorded for it. Fetch the notes if they live on a remote: git fetch origin {TraceNotes.Ref}:{TraceNotes.Ref}");
                return ExitCodes.NothingFound;
            }
            if (parse.GetValue(json))
            {
                Output.Out.WriteLine(TraceNotes.Serialize(record));
                return ExitCodes.Success;
            }
            Output.Out.WriteLine($"Commit {sha} — Agent Trace {record.Version}, record {record.Id}, {record.Timestamp}, by {record.Tool?.Name} {record.Tool?.Version}");
            if (record.Metadata?[TraceRecord.MetadataKey] is { } meta)
            {
                Output.Out.WriteLine($"  run {meta["runId"]}: {SafeText.FirstLine(meta["report"]?.ToString(), 200)} ({meta["engine"]}/{meta["template"]})");
            }
            foreach (var file in record.Files)
            {
                foreach (var conversation in file.Conversations)
                {
                    var who = conversation.Contributor is { } c ? c.Type + (c.ModelId is null ? "" : " " + c.ModelId) : "unknown";
                    Output.Out.WriteLine($"  {file.Path}: {who}: lines {string.Join(", ", conversation.Ranges.Select(r => r.StartLine == r.EndLine ? $"{r.StartLine}" : $"{r.StartLine}-{r.EndLine}"))}");
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Blame()
    {
        var target = new Argument<string>("file") { Description = "FILE or FILE:LINE, relative to the repository (or absolute)." };
        var repo = RepoOption();
        var revision = new Option<string?>("--rev") { Description = "Blame the file as of this commit or branch (default: the checkout)." };
        var json = GlobalOptions.Json();
        var command = new Command("blame", "Who wrote each line: git blame joined with Agent Trace records (human, ai with model and run, or mixed).") { target, repo, revision, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (RepoError(parse.GetValue(repo)!) is { } error)
            {
                return DiagnoseCommand.Fail(error);
            }
            var repository = Path.GetFullPath(parse.GetValue(repo)!);
            var (file, line) = Split(parse.GetValue(target)!);
            if (line is < 1)
            {
                return DiagnoseCommand.Fail($"line {line} does not exist: lines start at 1.");
            }
            var relative = Path.IsPathRooted(file) ? Path.GetRelativePath(repository, file) : file;
            await using var services = CliServices.Build(parse);
            var rev = parse.GetValue(revision);
            var exists = rev is null
                ? File.Exists(Path.Combine(repository, relative))
                : (await services.GetRequiredService<GitClient>().RunAsync(repository, ["cat-file", "-e", $"{rev}:{relative.Replace('\\', '/')}"], cancellationToken).ConfigureAwait(false)).Succeeded;
            if (!exists)
            {
                return DiagnoseCommand.Fail($"'{file}' is not a file of {repository}{(rev is null ? "" : " at " + rev)}.");
            }
            IReadOnlyList<LineAttribution> lines;
            try
            {
                lines = await services.GetRequiredService<TraceAttribution>().BlameAsync(repository, relative, line, rev, cancellationToken).ConfigureAwait(false);
            }
            catch (GitException e)
            {
                return DiagnoseCommand.Fail(SafeText.FirstLine(e.Message, 300) + (line is null ? "" : " (is the line past the end of the file?)"));
            }
            if (parse.GetValue(json))
            {
                Output.Out.WriteLine(JsonSerializer.Serialize(new { file = relative, lines }, RunJson.Indented));
                return ExitCodes.Success;
            }
            var width = lines.Count == 0 ? 1 : lines.Max(l => l.Line).ToString(CultureInfo.InvariantCulture).Length;
            foreach (var l in lines)
            {
                var who = l.Contributor == "human" ? "human" : $"{l.Contributor} {l.ModelId}".Trim() + (l.RunId is null ? "" : $" run {l.RunId}");
                Output.Out.WriteLine($"{l.Line.ToString(CultureInfo.InvariantCulture).PadLeft(width)} {l.Commit[..12]} {SafeText.FirstLine(l.Author, 20),-20} {who,-60} | {SafeText.FirstLine(l.Text, 200)}");
            }
            var ai = lines.Count(l => l.Contributor != "human");
            Output.Error.WriteLine($"{lines.Count} lines: {lines.Count - ai} by people, {ai} by AI (Agent Trace, {TraceNotes.Ref}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> RepoOption() => new("--repo") { Description = "The git repository (default: the current folder).", DefaultValueFactory = _ => "." };

    private static string? RepoError(string repo) =>
        Directory.Exists(repo) ? null : $"--repo '{Path.GetFullPath(repo)}' does not exist. Point it at a git repository.";

    private static (string File, int? Line) Split(string target)
    {
        var colon = target.LastIndexOf(':');
        return colon > 0 && int.TryParse(target[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var line)
            ? (target[..colon], line)
            : (target, null);
    }
}
