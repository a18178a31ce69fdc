using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.Approvals;

namespace SelfHeal.Tests.Delivery.Notifications;

public sealed class ApprovalLinksTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T12:00:00Z", CultureInfo.InvariantCulture));

    private ApprovalLinks Links(string secret = "0123456789abcdef0123456789abcdef-links")
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddApprovalLinks(o => { o.BaseUrl = "https://selfheal.example.com/"; o.Secret = secret; o.Lifetime = TimeSpan.FromHours(24); });
        return services.BuildServiceProvider().GetRequiredService<ApprovalLinks>();
    }

    private static (string RunId, string Action, string? Expires, string? Sig) Parts(Uri link)
    {
        var segments = link.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        return (Uri.UnescapeDataString(segments[^2]), segments[^1], query.GetValueOrDefault("expires"), query.GetValueOrDefault("sig"));
    }

    [Fact]
    public void Verify_FreshLink_IsValidForItsAction()
    {
        var links = Links();
        var link = links.Create("r-20261123-0001", ApprovalAction.Reject);

        Assert.StartsWith("https://selfheal.example.com/api/v1/approvals/r-20261123-0001/reject?expires=", link.ToString(), StringComparison.Ordinal);
        var (runId, action, expires, sig) = Parts(link);
        var check = links.Verify(runId, action, expires, sig);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(ApprovalAction.Reject, check.Action);
    }

    [Fact]
    public void Verify_AfterItsLifetime_IsExpired()
    {
        var links = Links();
        var (runId, action, expires, sig) = Parts(links.Create("r-1", ApprovalAction.Approve));

        _time.Advance(TimeSpan.FromHours(24));
        var check = links.Verify(runId, action, expires, sig);

        Assert.False(check.IsValid);
        Assert.Contains("expired", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ChangedExpiryRunOrSignature_IsTampered()
    {
        var links = Links();
        var (runId, action, expires, sig) = Parts(links.Create("r-1", ApprovalAction.Approve));
        var later = (long.Parse(expires!, CultureInfo.InvariantCulture) + 86_400).ToString(CultureInfo.InvariantCulture);
        var flipped = (sig![0] == 'a' ? "b" : "a") + sig[1..];

        foreach (var check in new[] { links.Verify(runId, action, later, sig), links.Verify("r-2", action, expires, sig), links.Verify(runId, action, expires, flipped), links.Verify(runId, action, expires, "zz") })
        {
            Assert.False(check.IsValid);
            Assert.Contains("signature does not match", check.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_ApproveLinkUsedToReject_IsRefused()
    {
        var links = Links();
        var (runId, _, expires, sig) = Parts(links.Create("r-1", ApprovalAction.Approve));

        Assert.False(links.Verify(runId, "reject", expires, sig).IsValid);
        Assert.Contains("'approve' or 'reject'", links.Verify(runId, "merge", expires, sig).Reason, StringComparison.Ordinal);
        Assert.Contains("incomplete", links.Verify(runId, "approve", null, sig).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LinkSignedWithAnotherSecret_IsTampered()
    {
        var (runId, action, expires, sig) = Parts(Links("another-secret-that-is-long-enough-00").Create("r-1", ApprovalAction.Approve));

        Assert.False(Links().Verify(runId, action, expires, sig).IsValid);
    }

    [Fact]
    public void AddApprovalLinks_ShortSecret_FailsWithTheKeyToFix()
    {
        var services = new ServiceCollection().AddApprovalLinks(o => { o.BaseUrl = "https://selfheal.example.com"; o.Secret = "short"; });
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<ApprovalLinks>());

        Assert.Contains("Notifications:Approvals:Secret must be at least 32 characters", error.Message, StringComparison.Ordinal);
    }
}
