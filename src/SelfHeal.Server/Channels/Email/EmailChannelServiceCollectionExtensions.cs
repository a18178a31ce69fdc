using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SelfHeal.Server.Channels.Email;

public static class EmailChannelServiceCollectionExtensions
{
    /// <summary>
    /// Registers the IMAP poller as a hosted service, bound to <paramref name="section"/> (<c>Channels:Email</c>); it
    /// does nothing until <see cref="EmailChannelOptions.Host"/> is set. Needs the report intake (<c>AddBugsApi</c>).
    /// </summary>
    public static IServiceCollection AddEmailChannel(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<EmailChannelOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EmailReportReader>();
        services.TryAddSingleton<ImapPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<ImapPoller>());
        return services;
    }
}
