using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Benchmarks;
using SelfHeal.Delivery;
using SelfHeal.Localization;
using SelfHeal.Pipeline;
using SelfHeal.Repair;
using SelfHeal.Repair.CSharp;
using SelfHeal.Repair.Tokens;
using SelfHeal.Reproduction;
using SelfHeal.Sandboxing;
using SelfHeal.StackTraces;
using SelfHeal.Testing;

namespace SelfHeal.Cli.Commands;

/// <summary>Composes the engine for one command invocation.</summary>
internal static class CliServices
{
    /// <summary>Builds the engine and, first of all, tidies up after runs whose process was killed.</summary>
    /// <param name="engines">Registers the repair engines; by default the offline ones (C# and token templates).</param>
    /// <param name="delivery">Registers pull-request providers (see <see cref="DeliveryServiceCollectionExtensions"/>).</param>
    public static async Task<ServiceProvider> BuildAsync(ParseResult parse, CancellationToken cancellationToken, Action<RepairOptions>? repair = null, Action<IServiceCollection>? engines = null, Action<IServiceCollection>? delivery = null)
    {
        var services = Build(parse, repair, engines, delivery);
        await services.GetRequiredService<AbandonedRunRecovery>().RecoverAsync(cancellationToken).ConfigureAwait(false);
        return services;
    }

    public static ServiceProvider Build(ParseResult parse, Action<RepairOptions>? repair = null, Action<IServiceCollection>? engines = null, Action<IServiceCollection>? delivery = null)
    {
        var services = new ServiceCollection();
        services.AddSelfHeal(databasePath: parse.GetValue(GlobalOptions.Database));
        services.AddSandboxing(options => SandboxChoice.Configure(parse, options));
        services.AddStackTraces();
        services.AddTesting();
        services.AddReproduction();
        services.AddSuspectLocalization();
        services.AddRepair(repair);
        if (engines is null)
        {
            services.AddCSharpRepair();
            services.AddTokenRepair();
        }
        else
        {
            engines(services);
        }
        services.AddLocalDelivery();
        delivery?.Invoke(services);
        services.AddBenchmarks();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
