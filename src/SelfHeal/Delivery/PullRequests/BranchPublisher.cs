using System.Text;
using System.Text.RegularExpressions;
using SelfHeal.AgentTrace;
using SelfHeal.Git;

namespace SelfHeal.Delivery.PullRequests;

/// <summary>Credentials for pushing over HTTPS, sent as a header through the environment, never on the command line.</summary>
/// <param name="UserName">For GitHub tokens <c>x-access-token</c>; for GitLab <c>oauth2</c>.</param>
/// <param name="Password">The token.</param>
public sealed record GitCredentials(string UserName, string Password)
{
    /// <inheritdoc/>
    public override string ToString() => $"GitCredentials {{ UserName = {UserName}, Password = *** }}";
}

/// <summary>
/// Pushes a fix branch and the Agent Trace notes to a remote, so the trace travels with the branch. Pushing is
/// idempotent: a branch already at the same commit is left alone, and the remote's notes are merged with the
/// local ones first (each commit has its own note, so nothing is lost when several runs push at once).
/// </summary>
public sealed partial class BranchPublisher(GitClient git)
{
    private const string RemoteNotes = "refs/notes/selfheal-remote-agent-trace";

    /// <summary>Pushes <paramref name="branch"/> and <see cref="TraceNotes.Ref"/>; returns the pushed commit.</summary>
    /// <exception cref="PullRequestException">The remote refused the push or could not be reached.</exception>
    public async Task<string> PushAsync(string repository, string remoteUrl, string branch, GitCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        var secrets = Environment(credentials);
        var commit = await git.RunCheckedAsync(repository, ["rev-parse", "--verify", $"refs/heads/{branch}^{{commit}}"], cancellationToken).ConfigureAwait(false);
        var branchPush = await git.RunAsync(repository, ["push", "--porcelain", remoteUrl, $"refs/heads/{branch}:refs/heads/{branch}"], secrets, cancellationToken).ConfigureAwait(false);
        if (!branchPush.Succeeded)
        {
            throw Failure(branchPush.Output, remoteUrl, $"push the branch {branch}");
        }

        // Notes: fetch the remote's, merge them into ours (different commits, different notes), push; retry once on a race.
        var hasNotes = (await git.RunAsync(repository, ["rev-parse", "--verify", "-q", TraceNotes.Ref], cancellationToken).ConfigureAwait(false)).Succeeded;
        if (!hasNotes)
        {
            return commit;
        }
        for (var attempt = 1; ; attempt++)
        {
            var fetch = await git.RunAsync(repository, ["fetch", "--no-tags", remoteUrl, $"+{TraceNotes.Ref}:{RemoteNotes}"], secrets, cancellationToken).ConfigureAwait(false);
            if (fetch.Succeeded)
            {
                await git.RunCheckedAsync(repository, ["-c", "user.name=SelfHeal", "-c", "user.email=selfheal@localhost", "notes", $"--ref={TraceNotes.Ref}", "merge", "-q", "-s", "ours", RemoteNotes], cancellationToken).ConfigureAwait(false);
                await git.RunAsync(repository, ["update-ref", "-d", RemoteNotes], cancellationToken).ConfigureAwait(false);
            }
            else if (!fetch.Output.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase))
            {
                throw Failure(fetch.Output, remoteUrl, "fetch the Agent Trace notes");
            }
            var notesPush = await git.RunAsync(repository, ["push", "--porcelain", remoteUrl, $"{TraceNotes.Ref}:{TraceNotes.Ref}"], secrets, cancellationToken).ConfigureAwait(false);
            if (notesPush.Succeeded)
            {
                return commit;
            }
            if (attempt >= 3 || !IsNonFastForward(notesPush.Output))
            {
                throw Failure(notesPush.Output, remoteUrl, "push the Agent Trace notes");
            }
        }
    }

    private static Dictionary<string, string?>? Environment(GitCredentials? credentials)
    {
        if (credentials is null)
        {
            return null;
        }
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.UserName}:{credentials.Password}"));
        return new Dictionary<string, string?>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "http.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}",
        };
    }

    private static bool IsNonFastForward(string output) =>
        output.Contains("non-fast-forward", StringComparison.OrdinalIgnoreCase)
        || output.Contains("fetch first", StringComparison.OrdinalIgnoreCase)
        || output.Contains("[rejected]", StringComparison.OrdinalIgnoreCase);

    private static PullRequestException Failure(string output, string remoteUrl, string what)
    {
        var where = RedactedUrl(remoteUrl);
        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("remote:", StringComparison.Ordinal) || l.StartsWith('!'))
            ?? output.Trim();
        first = first.Replace(remoteUrl, where, StringComparison.Ordinal);
        // "error: 403" as git prints it; a bare "401" would also match a port such as 127.0.0.1:40123.
        if (HttpAuthStatus().IsMatch(output) || output.Contains("Authentication failed", StringComparison.OrdinalIgnoreCase)
            || output.Contains("could not read Username", StringComparison.OrdinalIgnoreCase))
        {
            return new PullRequestException(PullRequestFailure.Unauthorized, $"The remote {where} refused SelfHeal's credentials when it tried to {what}: {first}. Check the token and its rights to push.");
        }
        if (output.Contains("does not appear to be a git repository", StringComparison.OrdinalIgnoreCase) || output.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            return new PullRequestException(PullRequestFailure.NotFound, $"The remote {where} was not found when SelfHeal tried to {what}: {first}. Check the remote URL.");
        }
        if (output.Contains("Could not resolve host", StringComparison.OrdinalIgnoreCase) || output.Contains("Connection refused", StringComparison.OrdinalIgnoreCase) || output.Contains("timed out", StringComparison.OrdinalIgnoreCase))
        {
            return new PullRequestException(PullRequestFailure.Unavailable, $"The remote {where} could not be reached when SelfHeal tried to {what}: {first}. SelfHeal will try again later.");
        }
        return new PullRequestException(PullRequestFailure.Rejected, $"The remote {where} rejected SelfHeal's attempt to {what}: {first}.");
    }

    [GeneratedRegex(@"error: 40[13]\b|\b40[13] (?:Unauthorized|Forbidden)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HttpAuthStatus();

    /// <summary>The URL without any user information in it, for messages.</summary>
    public static string RedactedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;
}
