using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SelfHeal.Delivery.Notifications.Approvals;
using SelfHeal.Delivery.Notifications.Email;
using SelfHeal.Delivery.Notifications.Jira;
using SelfHeal.Delivery.Notifications.Slack;
using SelfHeal.Delivery.Notifications.Webhook;

namespace SelfHeal.Delivery.Notifications;

/// <summary>
/// Registers the notifiers, the dispatcher and the approval links. Each notifier's options are validated when the host
/// starts (<c>ValidateOnStart</c>), with messages that name the configuration key to fix.
/// </summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Adds the Jira notifier (<see cref="JiraNotifierOptions"/>).</summary>
    public static IServiceCollection AddJiraNotifier(this IServiceCollection services, Action<JiraNotifierOptions>? configure = null)
    {
        AddOptions(services, configure);
        services.AddNotifierHttpClient<JiraNotifierOptions>(JiraNotifier.HttpClientName, retryPostWhenUnsure: false);
        services.AddSingleton<INotifier, JiraNotifier>();
        return services;
    }

    /// <summary>Adds the Slack notifier (<see cref="SlackNotifierOptions"/>).</summary>
    public static IServiceCollection AddSlackNotifier(this IServiceCollection services, Action<SlackNotifierOptions>? configure = null)
    {
        AddOptions(services, configure);
        services.AddNotifierHttpClient<SlackNotifierOptions>(SlackNotifier.HttpClientName);
        services.AddSingleton<INotifier, SlackNotifier>();
        return services;
    }

    /// <summary>Adds the email notifier (<see cref="EmailNotifierOptions"/>).</summary>
    public static IServiceCollection AddEmailNotifier(this IServiceCollection services, Action<EmailNotifierOptions>? configure = null)
    {
        AddOptions(services, configure);
        services.AddLogging();
        services.AddSingleton<INotifier, EmailNotifier>();
        return services;
    }

    /// <summary>Adds the outbound webhook notifier (<see cref="WebhookNotifierOptions"/>).</summary>
    public static IServiceCollection AddWebhookNotifier(this IServiceCollection services, Action<WebhookNotifierOptions>? configure = null)
    {
        AddOptions(services, configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddNotifierHttpClient<WebhookNotifierOptions>(WebhookNotifier.HttpClientName);
        services.AddSingleton<INotifier, WebhookNotifier>();
        return services;
    }

    /// <summary>Adds <see cref="NotificationDispatcher"/>, which sends through every registered <see cref="INotifier"/>. Needs an <c>IRunStore</c>.</summary>
    public static IServiceCollection AddNotificationDispatcher(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<NotificationDispatcher>();
        return services;
    }

    /// <summary>Adds <see cref="ApprovalLinks"/> (<see cref="ApprovalLinksOptions"/>).</summary>
    public static IServiceCollection AddApprovalLinks(this IServiceCollection services, Action<ApprovalLinksOptions>? configure = null)
    {
        var builder = services.AddOptions<ApprovalLinksOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApprovalLinks>();
        return services;
    }

    private static OptionsBuilder<TOptions> AddOptions<TOptions>(IServiceCollection services, Action<TOptions>? configure)
        where TOptions : NotifierOptions
    {
        var builder = services.AddOptions<TOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        return builder;
    }
}
