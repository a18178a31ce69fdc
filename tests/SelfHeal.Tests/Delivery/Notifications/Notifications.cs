using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Reports;

namespace SelfHeal.Tests.Delivery.Notifications;

/// <summary>Notifications and notifiers as the tests build them: through the real registrations.</summary>
internal static class Notifications
{
    public static Notification For(BugReport report, NotificationMoment moment = NotificationMoment.FixProposed, string runId = "r-20261123-0001") => new(
        moment,
        runId,
        report,
        "Null check added in OrderService.Total; the 2 failing tests pass and the 41 others still do.",
        PullRequestUrl: "https://github.com/octo/shop/pull/42",
        ReportMarkdown: "# SelfHeal report\n\nThe fix: a null check.\n");

    public static BugReport JiraReport(string key = "PROJ-7") => new("NullReferenceException in OrderService.Total") { Source = "jira", ExternalId = key, Reporter = "5b10a2844c20165700ede21g" };

    /// <summary>The one notifier <paramref name="register"/> adds, from a fresh container (disposed with the test's scope).</summary>
    public static (ServiceProvider Services, INotifier Notifier) Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        var provider = services.BuildServiceProvider(validateScopes: true);
        return (provider, provider.GetServices<INotifier>().Single());
    }
}
