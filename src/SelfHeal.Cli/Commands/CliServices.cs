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
    public static async Task<ServiceProvider> BuildAsync(ParseResult parse, CancellationToken cancellationToken, Action<RepairOptions>? repair = null)
    {
        var services = Build(parse, repair);
        await services.GetRequiredService<AbandonedRunRecovery>().RecoverAsync(cancellationToken).ConfigureAwait(false);
        return services;
    }

    public static ServiceProvider Build(ParseResult parse, Action<RepairOptions>? repair = null)
    {
        var services = new ServiceCollection();
        services.AddSelfHeal(databasePath: parse.GetValue(GlobalOptions.Database));
        services.AddSandboxing(options => SandboxChoice.Configure(parse, options));
        services.AddStackTraces();
        services.AddTesting();
        services.AddReproduction();
        services.AddSuspectLocalization();
        services.AddRepair(repair);
        services.AddCSharpRepair();
        services.AddTokenRepair();
        services.AddLocalDelivery();
        services.AddBenchmarks();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
