using Microsoft.Extensions.Options;

namespace SelfHeal.Delivery.PullRequests.GitHub;

/// <summary>Checks <see cref="GitHubOptions"/> at start, with messages that name the configuration key and what to do.</summary>
internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var failures = new List<string>();
        if (!options.ApiUrl.IsAbsoluteUri || options.ApiUrl.Scheme is not ("http" or "https"))
        {
            failures.Add("delivery.github.apiUrl must be an absolute http(s) URL, for example https://api.github.com/.");
        }
        if (!string.IsNullOrWhiteSpace(options.Repository) && !GitHubRepository.TryParse(options.Repository, out _))
        {
            failures.Add($"delivery.github.repository must be owner/name (for example octo/shop), not '{options.Repository}'.");
        }
        if (options.UsesApp)
        {
            if (!string.IsNullOrEmpty(options.Token))
            {
                failures.Add("Set either delivery.github.token or the GitHub App keys (appId, privateKeyPem or privateKeyPath, installationId), not both.");
            }
            if (options.AppId is null or <= 0)
            {
                failures.Add("delivery.github.appId is required for GitHub App authentication: the App's numeric id from its settings page.");
            }
            if (options.InstallationId is null or <= 0)
            {
                failures.Add("delivery.github.installationId is required for GitHub App authentication: the id in the installation's settings URL.");
            }
            if (string.IsNullOrWhiteSpace(options.PrivateKeyPem) == string.IsNullOrWhiteSpace(options.PrivateKeyPath))
            {
                failures.Add("Set exactly one of delivery.github.privateKeyPem and delivery.github.privateKeyPath: the App's private key.");
            }
            else if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath) && !File.Exists(options.PrivateKeyPath))
            {
                failures.Add($"delivery.github.privateKeyPath '{options.PrivateKeyPath}' does not exist: download a private key from the App's settings.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("GitHub needs credentials: set delivery.github.token (a personal access token) or the GitHub App keys (appId, privateKeyPem or privateKeyPath, installationId).");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("delivery.github.timeout must be positive, for example 00:00:30.");
        }
        if (options.NotifyAttempts < 1)
        {
            failures.Add("delivery.github.notifyAttempts must be at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Pull requests need a repository; the issue notifier takes it from each report instead.</summary>
internal sealed class GitHubRepositoryRequiredValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options) =>
        string.IsNullOrWhiteSpace(options.Repository)
            ? ValidateOptionsResult.Fail("delivery.github.repository is required for pull requests: set it to owner/name, for example octo/shop.")
            : ValidateOptionsResult.Success;
}
