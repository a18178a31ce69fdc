using SelfHeal.Delivery;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.PullRequests;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// Where the service delivers fixes and whom it tells, from configuration: a forge under <c>Delivery:GitHub</c>,
/// <c>Delivery:GitLab</c> or <c>Delivery:Local</c> (the first one configured proposes pull requests), and the
/// notifiers under <c>Notifications:Jira</c>, <c>:Slack</c>, <c>:Email</c>, <c>:Webhook</c>, with signed approval links
/// under <c>Notifications:Approvals</c>. A section that is absent registers nothing; one that is present but wrong
/// stops the server at start with a message naming the key.
/// </summary>
public static class DeliveryConfiguration
{
    public static IServiceCollection AddConfiguredDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var delivery = configuration.GetSection("Delivery");
        services.AddOptions<DeliveryOptions>().Bind(delivery);
        var github = delivery.GetSection("GitHub");
        if (github["Repository"] is { Length: > 0 })
        {
            services.AddGitHubPullRequests(o => github.Bind(o));
            services.AddGitHubIssueNotifier(o => github.Bind(o));
        }
        var gitlab = delivery.GetSection("GitLab");
        if (gitlab["Project"] is { Length: > 0 })
        {
            services.AddGitLabMergeRequests(o => gitlab.Bind(o));
        }
        if (delivery["Local:Remote"] is { Length: > 0 } remote)
        {
            services.AddLocalRemotePullRequests(o => o.RemoteUrl = remote);
        }

        var notifications = configuration.GetSection("Notifications");
        var any = false;
        if (notifications.GetSection("Jira").Exists())
        {
            services.AddJiraNotifier(o => notifications.GetSection("Jira").Bind(o));
            any = true;
        }
        if (notifications.GetSection("Slack").Exists())
        {
            services.AddSlackNotifier(o => notifications.GetSection("Slack").Bind(o));
            any = true;
        }
        if (notifications.GetSection("Email").Exists())
        {
            services.AddEmailNotifier(o => notifications.GetSection("Email").Bind(o));
            any = true;
        }
        if (notifications.GetSection("Webhook").Exists())
        {
            services.AddWebhookNotifier(o => notifications.GetSection("Webhook").Bind(o));
            any = true;
        }
        if (any || github["Repository"] is { Length: > 0 })
        {
            services.AddNotificationDispatcher();
        }
        if (notifications["Approvals:Secret"] is { Length: > 0 })
        {
            services.AddApprovalLinks(o => notifications.GetSection("Approvals").Bind(o));
        }
        return services;
    }
}
