using SelfHeal.Server.Channels.Email;

namespace SelfHeal.Server.Tests.Channels.Email;

public sealed class EmailChannelOptionsTests
{
    [Theory]
    [InlineData("ops@shop.example", true)]
    [InlineData("OPS@Shop.Example", true)]
    [InlineData("dev@corp.example", true)]
    [InlineData("dev@evil-corp.example", false)]
    [InlineData("other@shop.example", false)]
    [InlineData("corp.example", false)]
    [InlineData(null, false)]
    public void Allows_AddressesAndDomains_MatchWithoutCase(string? sender, bool allowed)
    {
        var options = new EmailChannelOptions { AllowedSenders = ["ops@shop.example", "@corp.example"] };
        Assert.Equal(allowed, options.Allows(sender));
    }

    [Fact]
    public void Allows_EmptyList_AllowsEveryone() => Assert.True(new EmailChannelOptions().Allows("anyone@anywhere.example"));

    [Theory]
    [InlineData(EmailTls.SslOnConnect, 0, 993)]
    [InlineData(EmailTls.StartTls, 0, 143)]
    [InlineData(EmailTls.None, 0, 143)]
    [InlineData(EmailTls.SslOnConnect, 1993, 1993)]
    public void EffectivePort_Unset_IsTheTlsModesDefault(EmailTls tls, int port, int expected) =>
        Assert.Equal(expected, new EmailChannelOptions { Tls = tls, Port = port }.EffectivePort);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(7, 300)]
    [InlineData(1000, 300)]
    public void RetryDelay_Doubles_UpToFiveMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ImapPoller.RetryDelay(failures, TimeSpan.FromMinutes(1)));

    [Fact]
    public void RetryDelay_LongPollInterval_IsTheCap() =>
        Assert.Equal(TimeSpan.FromMinutes(30), ImapPoller.RetryDelay(50, TimeSpan.FromMinutes(30)));
}
