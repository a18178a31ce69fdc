using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.GitHub;
using SelfHeal.Delivery.PullRequests.GitHub;
using SelfHeal.Delivery.PullRequests.GitLab;
using SelfHeal.Git;
using SelfHeal.Processes;

namespace SelfHeal.Delivery.PullRequests;

public static class PullRequestsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the GitHub pull-request provider as an <see cref="IPullRequestProvider"/> (plain, and keyed <c>github</c>).
    /// <see cref="GitHubOptions"/> are validated on start: a repository as <c>owner/name</c> and either a token or a
    /// GitHub App's keys.
    /// </summary>
    public static IServiceCollection AddGitHubPullRequests(this IServiceCollection services, Action<GitHubOptions>? configure = null)
    {
        AddGitHub(services, configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitHubOptions>>(new GitHubRepositoryRequiredValidator()));
        services.TryAddSingleton<GitHubPullRequestProvider>();
        if (!services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, "github") && d.ServiceType == typeof(IPullRequestProvider)))
        {
            services.AddKeyedSingleton<IPullRequestProvider>("github", (sp, _) => sp.GetRequiredService<GitHubPullRequestProvider>());
            services.AddSingleton<IPullRequestProvider>(sp => sp.GetRequiredService<GitHubPullRequestProvider>());
        }
        return services;
    }

    /// <summary>
    /// Adds the GitHub issue notifier as an <see cref="INotifier"/> (plain, and keyed <c>github</c>): it comments on the
    /// issue a bug came from. Shares <see cref="GitHubOptions"/> (and its credentials) with <see cref="AddGitHubPullRequests"/>.
    /// </summary>
    public static IServiceCollection AddGitHubIssueNotifier(this IServiceCollection services, Action<GitHubOptions>? configure = null)
    {
        AddGitHub(services, configure);
        services.TryAddSingleton<GitHubIssueNotifier>();
        if (!services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, "github") && d.ServiceType == typeof(INotifier)))
        {
            services.AddKeyedSingleton<INotifier>("github", (sp, _) => sp.GetRequiredService<GitHubIssueNotifier>());
            services.AddSingleton<INotifier>(sp => sp.GetRequiredService<GitHubIssueNotifier>());
        }
        return services;
    }

    /// <summary>
    /// Adds the GitLab merge-request provider as an <see cref="IPullRequestProvider"/> (plain, and keyed <c>gitlab</c>),
    /// with the named HTTP client <c>selfheal.gitlab</c>. <see cref="GitLabOptions"/> are validated on start.
    /// </summary>
    public static IServiceCollection AddGitLabMergeRequests(this IServiceCollection services, Action<GitLabOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GitLabOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, "gitlab") && d.ServiceType == typeof(IPullRequestProvider)))
        {
            return services;
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitLabOptions>, GitLabOptionsValidator>());
        services.AddHttpClient(GitLabApi.HttpClientName, (sp, client) =>
        {
            var gitlab = sp.GetRequiredService<IOptions<GitLabOptions>>().Value;
            client.BaseAddress = gitlab.ApiUrl.AbsoluteUri.EndsWith('/') ? gitlab.ApiUrl : new Uri(gitlab.ApiUrl.AbsoluteUri + "/");
            client.Timeout = gitlab.Timeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("SelfHeal");
        });
        AddShared(services);
        services.TryAddSingleton<GitLabApi>();
        services.TryAddSingleton<GitLabMergeRequestProvider>();
        services.AddKeyedSingleton<IPullRequestProvider>("gitlab", (sp, _) => sp.GetRequiredService<GitLabMergeRequestProvider>());
        services.AddSingleton<IPullRequestProvider>(sp => sp.GetRequiredService<GitLabMergeRequestProvider>());
        return services;
    }

    private static void AddGitHub(IServiceCollection services, Action<GitHubOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GitHubOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitHubOptions>>(new GitHubOptionsValidator()));
        // Octokit sets its own per-request timeout (delivery.github.timeout); the named pipeline gives handler pooling.
        services.AddHttpClient(GitHubConnection.HttpClientName);
        AddShared(services);
        services.TryAddSingleton(sp => new GitHubConnection(sp.GetRequiredService<IOptions<GitHubOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IHttpMessageHandlerFactory>()));
    }

    private static void AddShared(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<GitClient>();
        services.TryAddSingleton<BranchPublisher>();
    }
}
