using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Delivery;

namespace SelfHeal.Cli.Commands;

/// <summary>Where <c>selfheal fix</c> proposes the fix besides its local branch: <c>--push</c>, <c>--base</c>.</summary>
internal sealed class DeliveryCliOptions
{
    private readonly Option<string?> _push = new("--push")
    {
        Description = "Push the fix branch and its Agent Trace notes to this git remote (a bare repository's path or a URL) and record a pull request there (refs/selfheal/requests/N).",
    };

    private readonly Option<string?> _base = new("--base")
    {
        Description = "The branch the pull request targets (default: the branch your checkout is on, else main).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_push);
        command.Options.Add(_base);
    }

    /// <summary>The delivery registrations, or an error that says what to change.</summary>
    public bool TryRead(ParseResult parse, out Action<IServiceCollection>? delivery, out string? error)
    {
        delivery = null;
        error = null;
        var baseBranch = parse.GetValue(_base);
        if (baseBranch is not null && (baseBranch.Length == 0 || baseBranch.StartsWith('-') || baseBranch.Contains("..", StringComparison.Ordinal) || baseBranch.Any(c => char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\')))
        {
            error = $"--base '{baseBranch}' is not a branch name.";
            return false;
        }
        var push = parse.GetValue(_push);
        if (push is null)
        {
            if (baseBranch is not null)
            {
                error = "--base only applies with --push (it names the branch the pull request targets).";
                return false;
            }
            return true;
        }
        var remote = push;
        if (!Uri.TryCreate(push, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            remote = Path.GetFullPath(uri?.IsFile == true ? uri.LocalPath : push);
            if (!Directory.Exists(remote))
            {
                error = $"--push: the remote '{push}' does not exist. Create a bare repository there first (git init --bare {push}) or give a URL.";
                return false;
            }
        }
        delivery = services =>
        {
            services.Configure<DeliveryOptions>(o =>
            {
                o.PullRequestProvider = "local";
                o.BaseBranch = baseBranch;
            });
            services.AddLocalRemotePullRequests(o => o.RemoteUrl = remote);
        };
        return true;
    }
}
