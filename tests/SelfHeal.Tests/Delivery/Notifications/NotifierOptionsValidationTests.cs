using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.Webhook;

namespace SelfHeal.Tests.Delivery.Notifications;

/// <summary>What a host starting with bad notifier settings says (<c>ValidateOnStart</c> runs <see cref="IStartupValidator"/>).</summary>
public sealed class NotifierOptionsValidationTests
{
    private static string StartupError(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message;
    }

    [Fact]
    public void AddJiraNotifier_NothingSet_NamesEveryKeyToSet()
    {
        var message = StartupError(s => s.AddJiraNotifier());

        Assert.Contains("Notifications:Jira:BaseUrl must be the site's address", message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Jira:Email", message, StringComparison.Ordinal);
        Assert.Contains("Notifications__Jira__ApiToken", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEmailNotifier_BadSenderAndPort_SaysWhatIsWrong()
    {
        var sender = StartupError(s => s.AddEmailNotifier(o => { o.Host = "smtp.example.com"; o.From = "not an address"; }));
        var port = StartupError(s => s.AddEmailNotifier(o => { o.Host = "smtp.example.com"; o.From = "selfheal@example.com"; o.Port = 0; }));

        Assert.Contains("Notifications:Email:From must be the sender's address", sender, StringComparison.Ordinal);
        Assert.Contains("Port must be between 1 and 65535", port, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWebhookNotifier_ShortSecret_IsRefused()
    {
        var message = StartupError(s => s.AddWebhookNotifier(o => o.Endpoints.Add(new WebhookEndpoint { Url = "https://hooks.example.com/selfheal", Secret = "short" })));

        Assert.Contains("Notifications:Webhook:Endpoints:0:Secret must be set, at least 16 characters", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSlackNotifier_RetriesOutOfRange_IsRefused()
    {
        var message = StartupError(s => s.AddSlackNotifier(o => { o.MaxRetries = 50; o.WebhookUrl = "not a url"; }));

        Assert.Contains("MaxRetries must be between 0 and 10", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSlackNotifier_Defaults_AreValid()
    {
        var services = new ServiceCollection().AddSlackNotifier().AddWebhookNotifier();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.All(provider.GetServices<INotifier>(), n => Assert.False(n.AppliesTo(Notifications.For(Notifications.JiraReport()))));
    }
}
