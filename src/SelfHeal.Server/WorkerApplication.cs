using SelfHeal.Bugs;
using SelfHeal.Runs;
using SelfHeal.Server.Jobs;

namespace SelfHeal.Server;

/// <summary>
/// Composes a worker: a process that joins the clustered job scheduler on PostgreSQL and runs heal jobs, without
/// serving HTTP. Its runs and bugs are the shared database's, so any worker (or server) takes any job.
/// </summary>
public static class WorkerApplication
{
    /// <summary>Builds the worker from configuration; <c>SelfHeal:PostgresConnectionString</c> must be set.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not configured.</exception>
    public static IHost Build(Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        configure?.Invoke(builder);
        var postgres = builder.Configuration["SelfHeal:PostgresConnectionString"];
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException("a worker shares its jobs through PostgreSQL: give --postgres CONNSTRING or set SELFHEAL_POSTGRES.");
        }
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddPostgresRunStore(postgres);
        builder.Services.AddPostgresBugStore(postgres);
        builder.Services.AddSelfHeal(databasePath: builder.Configuration["SelfHeal:DatabasePath"], workspaceRoot: builder.Configuration["SelfHeal:WorkspaceRoot"]);
        builder.Services.AddHealJobs(builder.Configuration);
        return builder.Build();
    }
}
