using Microsoft.Data.Sqlite;
using Quartz;
using SelfHeal.Runs.Sqlite;

namespace SelfHeal.Server.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The scheduler's name: every process sharing a database with this name is one cluster.</summary>
    public const string SchedulerName = "selfheal";

    /// <summary>
    /// Registers the durable job scheduler (Quartz.NET, ADO.NET job store, System.Text.Json job data) and starts it with
    /// the host. With <c>SelfHeal:PostgresConnectionString</c> its jobs live in that database and the scheduler joins
    /// the cluster of every process using it; otherwise they live in an SQLite file beside the run database. Quartz's
    /// tables are created on start as a schema step. <paramref name="configureJobs"/> adds the jobs the process runs.
    /// </summary>
    public static IServiceCollection AddDurableJobs(this IServiceCollection services, IConfiguration configuration, Action<IQuartzBuilder>? configureJobs = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var postgres = configuration["SelfHeal:PostgresConnectionString"] is { Length: > 0 } p ? p : null;
        var databasePath = configuration["SelfHeal:DatabasePath"] ?? new SqliteRunStoreOptions().DatabasePath;
        var sqlitePath = postgres is null ? Path.GetFullPath(options.SqlitePath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "jobs.db")) : null;
        var location = new JobStoreLocation(sqlitePath, postgres);
        services.AddSingleton(location);
        services.AddHostedService<JobSchemaStartup>();

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                if (options.InstanceId is { Length: > 0 } instanceId)
                {
                    scheduler.InstanceId = instanceId;
                }
                else
                {
                    scheduler.GenerateInstanceId = true;
                }
            });
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = options.MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (location.PostgresConnectionString is { } connectionString)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(options.CheckinIntervalSeconds);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(options.CheckinMisfireThresholdSeconds);
                    });
                }
                else
                {
                    // The file and its folder are made by JobSchemaStartup, which reports a folder that cannot be made.
                    store.UseSqlite(new SqliteConnectionStringBuilder { DataSource = location.SqlitePath, DefaultTimeout = 30, Pooling = true }.ToString());
                }
            });
            configureJobs?.Invoke(quartz);
        });
        // A job cut off by shutdown is recovered on the next start (heal jobs request recovery), so shutdown does not wait for it.
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = false);
        return services;
    }
}
