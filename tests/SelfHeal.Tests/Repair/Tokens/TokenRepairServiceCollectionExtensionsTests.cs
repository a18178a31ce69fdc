using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Repair;
using SelfHeal.Repair.Tokens;

namespace SelfHeal.Tests.Repair.Tokens;

public sealed class TokenRepairServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTokenRepair_Resolved_RegistersTheTokenTemplateEngineOnce()
    {
        var services = new ServiceCollection().AddTokenRepair(o => o.CheckBatchSize = 10).AddTokenRepair();
        using var provider = services.BuildServiceProvider();

        var engine = Assert.Single(provider.GetServices<IRepairEngine>());

        Assert.Equal("token-templates", engine.Name);
    }
}
