using SelfHeal.Delivery;
using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Repair.CSharp;
using SelfHeal.Repair.Tokens;
using SelfHeal.Reproduction;
using SelfHeal.Sandboxing;
using SelfHeal.StackTraces;
using SelfHeal.Testing;

namespace SelfHeal.Server.Jobs;

public static class HealJobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the durable heal jobs (<see cref="JobsServiceCollectionExtensions.AddDurableJobs"/>) and the engine they
    /// drive, as <c>selfheal fix</c> composes it: the sandbox from <see cref="HealOptions.Sandbox"/>, the stages, and the
    /// offline repair engines. Expects the run and bug stores to be registered.
    /// </summary>
    public static IServiceCollection AddHealJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HealOptions>().BindConfiguration(HealOptions.Section)
            .Validate(o => o.Sandbox is SandboxOptions.Bubblewrap or SandboxOptions.None, "Heal:Sandbox must be 'bubblewrap' or 'none'.")
            .ValidateOnStart();
        var heal = configuration.GetSection(HealOptions.Section);
        services.AddSandboxing(sandbox =>
        {
            sandbox.Kind = heal["Sandbox"] ?? SandboxOptions.Bubblewrap;
            sandbox.BubblewrapPath = heal["BubblewrapPath"] ?? sandbox.BubblewrapPath;
            foreach (var path in heal.GetSection("ReadOnlyPaths").GetChildren().Select(c => c.Value).OfType<string>())
            {
                sandbox.ReadOnlyPaths.Add(path);
            }
            // Only an explicit 'none' in the server's configuration runs a repository's code unsandboxed.
            sandbox.AllowUnsandboxed = sandbox.Kind == SandboxOptions.None;
        });
        services.AddStackTraces();
        services.AddTesting();
        services.AddReproduction();
        services.AddSuspectLocalization();
        services.AddRepair();
        services.AddCSharpRepair();
        services.AddTokenRepair();
        services.AddLocalDelivery();
        services.AddConfiguredDelivery(configuration);

        services.AddSingleton<SelfHeal.Delivery.Approvals.IReviewDeadlines, QuartzReviewDeadlines>();
        services.AddTransient<ReviewDeadlineJob>();
        services.AddSingleton<BugHealer>();
        services.AddSingleton<HealJobScheduler>();
        services.AddHostedService<UnscheduledBugsSweep>();
        services.AddTransient<HealBugJob>();
        return services.AddDurableJobs(configuration);
    }
}
