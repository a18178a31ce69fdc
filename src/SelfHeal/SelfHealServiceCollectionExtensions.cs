using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SelfHeal.Auditing;
using SelfHeal.Delivery;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Processes;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Workspaces;

namespace SelfHeal;

/// <summary>Registers the SelfHeal engine: the run store, workspaces, the stages and their seams.</summary>
public static class SelfHealServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine with the embedded SQLite run store. <paramref name="databasePath"/> overrides the
    /// default per-user database; <paramref name="workspaceRoot"/> the folder of run worktrees.
    /// </summary>
    public static IServiceCollection AddSelfHeal(this IServiceCollection services, string? databasePath = null, string? workspaceRoot = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton<ProcessRunner>();
        services.AddAuditing();
        services.TryAddSingleton<GitClient>();

        services.AddOptions<SqliteRunStoreOptions>()
            .Configure(o => o.DatabasePath = databasePath ?? o.DatabasePath)
            .ValidateDataAnnotations();
        services.TryAddSingleton<IRunStore, SqliteRunStore>();

        services.AddOptions<WorkspaceOptions>().Configure(o => o.Root = workspaceRoot ?? o.Root);
        services.TryAddSingleton<WorkspaceManager>();

        services.TryAddSingleton<PipelineRunner>();
        services.TryAddSingleton<AbandonedRunRecovery>();
        services.TryAddSingleton<HealingWorkflow>();
        services.AddOptions<DeliveryOptions>();
        services.TryAddSingleton<RunReportWriter>();
        return services;
    }
}
