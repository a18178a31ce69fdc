using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Delivery;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Delivery.PullRequests.GitHub;
using SelfHeal.Delivery.PullRequests.GitLab;

namespace SelfHeal.Cli.Commands;

/// <summary>Where <c>selfheal fix</c> proposes the fix besides its local branch: <c>--push</c>, <c>--base</c>.</summary>
internal sealed class DeliveryCliOptions
{
    private readonly Option<string?> _push = new("--push")
    {
        Description = "Push the fix branch and its Agent Trace notes to this git remote (a bare repository's path or a URL) and record a pull request there (refs/selfheal/requests/N).",
    };

    private readonly Option<string?> _pullRequest = new("--pull-request")
    {
        Description = "Open a pull request on a forge: github or gitlab, configured through Delivery__GitHub__* or Delivery__GitLab__* environment variables (docs/delivery.md); GITHUB_TOKEN or GITLAB_TOKEN work as the token, and the repository defaults to the one the origin remote points at.",
    };

    private readonly Option<string?> _base = new("--base")
    {
        Description = "The branch the pull request targets (default: the branch your checkout is on, else main).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_push);
        command.Options.Add(_pullRequest);
        command.Options.Add(_base);
    }

    /// <summary>The delivery registrations, or an error that says what to change.</summary>
    /// <param name="repository">The repository being fixed, whose <c>origin</c> names the forge's repository by default.</param>
    public bool TryRead(ParseResult parse, string repository, out Action<IServiceCollection>? delivery, out string? error)
    {
        delivery = null;
        error = null;
        if (parse.GetValue(_pullRequest) is { } forge)
        {
            return TryReadForge(parse, forge, repository, out delivery, out error);
        }
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
                error = "--base only applies with --push or --pull-request (it names the branch the pull request targets).";
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

    private bool TryReadForge(ParseResult parse, string forge, string repository, out Action<IServiceCollection>? delivery, out string? error)
    {
        delivery = null;
        error = null;
        var baseBranch = parse.GetValue(_base);
        if (parse.GetValue(_push) is not null)
        {
            error = "--push and --pull-request both say where the fix goes; give one.";
            return false;
        }
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("Delivery");
        var origin = OriginOf(repository);
        switch (forge.ToLowerInvariant())
        {
            case "github":
            {
                var options = new GitHubOptions();
                configuration.GetSection("GitHub").Bind(options);
                options.Repository ??= origin is { Host: var host } && host.Contains("github", StringComparison.OrdinalIgnoreCase) ? origin.Value.Path : null;
                if (options.Token is null && options.AppId is null)
                {
                    options.Token = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
                }
                if (options.Repository is null)
                {
                    error = "--pull-request github: which repository? Set Delivery__GitHub__Repository=owner/name (the origin remote does not point at GitHub).";
                    return false;
                }
                if (options.Token is null && options.AppId is null)
                {
                    error = "--pull-request github needs credentials: set GITHUB_TOKEN (or Delivery__GitHub__Token), or a GitHub App's Delivery__GitHub__AppId, __InstallationId and __PrivateKeyPath. See docs/delivery.md for the scopes.";
                    return false;
                }
                var section = configuration.GetSection("GitHub");
                delivery = services =>
                {
                    services.Configure<DeliveryOptions>(o => (o.PullRequestProvider, o.BaseBranch) = ("github", baseBranch));
                    services.AddGitHubPullRequests(o =>
                    {
                        section.Bind(o);
                        (o.Repository, o.Token) = (options.Repository, options.Token);
                    });
                };
                return true;
            }
            case "gitlab":
            {
                var options = new GitLabOptions();
                configuration.GetSection("GitLab").Bind(options);
                options.Project ??= origin?.Path;
                options.Token ??= Environment.GetEnvironmentVariable("GITLAB_TOKEN");
                if (options.Project is null || options.Token is null)
                {
                    error = "--pull-request gitlab needs a project and a token: set Delivery__GitLab__Project=group/name (default: the origin remote's path) and GITLAB_TOKEN (or Delivery__GitLab__Token). See docs/delivery.md.";
                    return false;
                }
                var section = configuration.GetSection("GitLab");
                delivery = services =>
                {
                    services.Configure<DeliveryOptions>(o => (o.PullRequestProvider, o.BaseBranch) = ("gitlab", baseBranch));
                    services.AddGitLabMergeRequests(o =>
                    {
                        section.Bind(o);
                        (o.Project, o.Token) = (options.Project, options.Token);
                    });
                };
                return true;
            }
            default:
                error = $"--pull-request '{forge}' is not a forge SelfHeal knows; use github or gitlab (or --push REMOTE for a plain git remote).";
                return false;
        }
    }

    /// <summary>The host and <c>owner/name</c> path of the repository's <c>origin</c> remote, when it has one.</summary>
    internal static (string Host, string Path)? OriginOf(string repository)
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("git", ["-C", repository, "remote", "get-url", "origin"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = System.Diagnostics.Process.Start(info);
            var url = git?.StandardOutput.ReadToEnd().Trim() ?? "";
            git?.WaitForExit();
            return ParseRemote(url);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary><c>https://host/owner/name(.git)</c> or <c>git@host:owner/name(.git)</c> → (host, owner/name).</summary>
    internal static (string Host, string Path)? ParseRemote(string url)
    {
        string host, path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git")
        {
            (host, path) = (uri.Host, uri.AbsolutePath.Trim('/'));
        }
        else if (url.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 && url.IndexOf(':', at) is var colon and > 0)
        {
            (host, path) = (url[(at + 1)..colon], url[(colon + 1)..].Trim('/'));
        }
        else
        {
            return null;
        }
        path = path.EndsWith(".git", StringComparison.Ordinal) ? path[..^4] : path;
        return path.Contains('/', StringComparison.Ordinal) ? (host, path) : null;
    }
}
