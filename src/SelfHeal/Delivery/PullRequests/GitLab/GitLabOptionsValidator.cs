using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SelfHeal.Delivery.PullRequests.GitLab;

/// <summary>Checks <see cref="GitLabOptions"/> at start, with messages that name the configuration key and what to do.</summary>
internal sealed partial class GitLabOptionsValidator : IValidateOptions<GitLabOptions>
{
    public ValidateOptionsResult Validate(string? name, GitLabOptions options)
    {
        var failures = new List<string>();
        if (!options.ApiUrl.IsAbsoluteUri || options.ApiUrl.Scheme is not ("http" or "https"))
        {
            failures.Add("delivery.gitlab.apiUrl must be an absolute http(s) URL, for example https://gitlab.com/api/v4/.");
        }
        if (string.IsNullOrWhiteSpace(options.Project))
        {
            failures.Add("delivery.gitlab.project is required: the project's path (group/name) or its numeric id.");
        }
        else if (!options.ProjectIsId && !ProjectPath().IsMatch(options.Project))
        {
            failures.Add($"delivery.gitlab.project must be group/name (subgroups allowed) or a numeric id, not '{options.Project}'.");
        }
        else if (options.ProjectIsId && string.IsNullOrWhiteSpace(options.PushUrl))
        {
            failures.Add("delivery.gitlab.pushUrl is required when delivery.gitlab.project is a numeric id: the project's HTTPS clone URL.");
        }
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("delivery.gitlab.token is required: an access token with the api and write_repository scopes.");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("delivery.gitlab.timeout must be positive, for example 00:00:30.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$")]
    private static partial Regex ProjectPath();
}
