using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.AgentTrace;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Pipeline;

namespace SelfHeal.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Adds local delivery: a commit on a new <c>selfheal/&lt;run-id&gt;</c> branch with its Agent Trace record, and the run's report.</summary>
    public static IServiceCollection AddLocalDelivery(this IServiceCollection services, Action<DeliveryOptions>? configure = null)
    {
        var builder = services.AddOptions<DeliveryOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddSingleton<IPipelineStage, LocalDeliverStage>();
        services.TryAddSingleton<TraceRecorder>();
        services.TryAddSingleton<TraceNotes>();
        services.TryAddSingleton<TraceAttribution>();
        services.TryAddSingleton<BranchPublisher>();
        services.TryAddSingleton<Approvals.FixReviews>();
        services.TryAddSingleton<Notifications.RunNotifications>();
        return services;
    }

    /// <summary>
    /// Proposes fixes as requests recorded in a plain git remote (a bare repository): the branch and its Agent Trace
    /// notes are pushed there, and <c>refs/selfheal/requests/&lt;n&gt;</c> holds each request.
    /// </summary>
    public static IServiceCollection AddLocalRemotePullRequests(this IServiceCollection services, Action<LocalRemoteOptions> configure)
    {
        services.AddOptions<LocalRemoteOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.RemoteUrl), "delivery.local.remote must name a git remote (a bare repository path or URL).")
            .ValidateOnStart();
        services.TryAddSingleton<BranchPublisher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPullRequestProvider, LocalRemotePullRequestProvider>();
        return services;
    }
}
