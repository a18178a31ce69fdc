using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using SelfHeal.Server.Jobs;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests.Jobs;

/// <summary>
/// What the durable job store must do on each database: its tables are created on start as a schema step, and a job
/// scheduled by one process is still there, and runs, after that process stops and another starts.
/// </summary>
public abstract class DurableJobsContractTests : IDisposable
{
    protected TempDirectory Folder { get; } = new("selfheal-jobs");

    /// <summary>The settings that point the scheduler at this test's database.</summary>
    protected abstract Dictionary<string, string?> StoreSettings();

    /// <summary>How many schema steps of <paramref name="component"/> the database records.</summary>
    protected abstract Task<long> MigrationsAsync(string component);

    public virtual void Dispose() => Folder.Dispose();

    private IHost CreateHost(string instance)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = StoreSettings();
        settings["Jobs:InstanceId"] = instance;
        settings["Jobs:CheckinIntervalSeconds"] = "1";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDurableJobs(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task Start_EmptyDatabase_CreatesQuartzTablesAsASchemaStep()
    {
        using var host = CreateHost("one");
        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(1, await MigrationsAsync(JobSchema.Component));
    }

    [Fact]
    public async Task ScheduledJob_ProcessRestarts_IsKeptAndRunsInTheNextProcess()
    {
        var marker = Folder.Combine("ran.txt");
        var job = JobBuilder.Create<MarkerJob>().WithIdentity("bug-1", "test").StoreDurably().RequestRecovery()
            .UsingJobData(MarkerJob.PathKey, marker).Build();
        using (var first = CreateHost("first"))
        {
            // The first process applies the schema and schedules the job, and stops before its scheduler ever runs.
            foreach (var startup in first.Services.GetServices<IHostedService>().OfType<JobSchemaStartup>())
            {
                await startup.StartAsync(CancellationToken.None);
            }
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.ScheduleJob(job, TriggerBuilder.Create().ForJob(job).StartNow().Build());
            await scheduler.Shutdown();
        }
        Assert.False(File.Exists(marker));

        using var second = CreateHost("second");
        await second.StartAsync();
        var again = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await again.GetJobDetail(job.Key));
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!File.Exists(marker))
        {
            await Task.Delay(100, wait.Token);
        }
        await second.StopAsync();

        Assert.Equal("bug-1", await File.ReadAllTextAsync(marker));
    }
}

/// <summary>Writes its job's name to the file named in its job data.</summary>
public sealed class MarkerJob : IJob
{
    public const string PathKey = "path";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(context.MergedJobDataMap.GetString(PathKey)!, context.JobDetail.Key.Name, cancellationToken);
}
