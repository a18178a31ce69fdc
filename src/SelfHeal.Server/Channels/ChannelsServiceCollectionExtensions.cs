using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Server.Channels.Alertmanager;
using SelfHeal.Server.Channels.Email;
using SelfHeal.Server.Channels.GitHub;
using SelfHeal.Server.Channels.Jira;
using SelfHeal.Server.Channels.Sentry;
using SelfHeal.Server.Channels.Slack;

namespace SelfHeal.Server.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers every built-in <see cref="IChannel"/>, each bound to <c>Channels:{Name}</c> of <paramref name="configuration"/>,
    /// and the email channel's IMAP poller (<c>Channels:Email</c>).
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<GitHubChannelOptions>(configuration.GetSection("Channels:GitHub"));
        services.Configure<SlackChannelOptions>(configuration.GetSection("Channels:Slack"));
        services.Configure<JiraChannelOptions>(configuration.GetSection("Channels:Jira"));
        services.Configure<SentryChannelOptions>(configuration.GetSection("Channels:Sentry"));
        services.Configure<AlertmanagerChannelOptions>(configuration.GetSection("Channels:Alertmanager"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannel, GitHubChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannel, SlackChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannel, JiraChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannel, SentryChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannel, AlertmanagerChannel>());
        services.AddEmailChannel(configuration.GetSection("Channels:Email"));
        return services;
    }
}
