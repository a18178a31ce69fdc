using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SelfHeal.Bugs;
using SelfHeal.Bugs.Postgres;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Postgres;
using SelfHeal.Server;
using SelfHeal.Server.Jobs;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary>
/// <c>selfheal worker</c> as operators run it: two worker processes on one PostgreSQL database, the one healing a bug
/// killed with SIGKILL in the middle of its run, and the other one recovering the job and finishing the same run.
/// </summary>
[Collection(nameof(SlowCliCollection))]
public sealed class WorkerFailoverTests : IDisposable
{
    private const string Repository = "octo-org/billing";

    private readonly string _server;
    private readonly string _database = $"selfheal_test_{Guid.NewGuid():N}";
    private readonly TempDirectory _work = new("selfheal-failover");
    private readonly List<Process> _workers = [];

    public WorkerFailoverTests()
    {
        _server = Requires.Postgres();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        create.ExecuteNonQuery();
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit();
            }
            worker.Dispose();
        }
        NpgsqlConnection.ClearAllPools();
        using (var admin = new NpgsqlConnection(_server))
        {
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        _work.Dispose();
    }

    [Fact]
    public async Task Worker_KilledMidRun_TheOtherWorkerFinishesTheSameRunOnce()
    {
        Requires.Tool("bwrap");
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        // The repository's tests wait while the gate's 'hold' file exists, so the first heal is stuck in its test run.
        var gate = Directory.CreateDirectory(_work.Combine("gate")).FullName;
        var hold = Path.Combine(gate, "hold");
        await File.WriteAllTextAsync(hold, "");
        await File.WriteAllTextAsync(Path.Combine(fixture.Path, "conftest.py"), $$"""
            import os, time

            def pytest_configure(config):
                while os.path.exists({{JsonSerializer.Serialize(hold)}}):
                    time.sleep(0.1)
            """);
        await fixture.GitAsync("add", "conftest.py");
        await fixture.GitAsync("-c", "user.name=Fixture", "-c", "user.email=fixture@example.com", "commit", "-q", "-m", "Test gate");

        var workers = new Dictionary<string, Process>
        {
            ["worker-a"] = await StartWorkerAsync("worker-a", fixture.Path, gate),
            ["worker-b"] = await StartWorkerAsync("worker-b", fixture.Path, gate),
        };
        var runs = new PostgresRunStore(Options.Create(new PostgresRunStoreOptions { ConnectionString = ConnectionString }), TimeProvider.System);
        var bugs = new PostgresBugStore(Options.Create(new PostgresBugStoreOptions { ConnectionString = ConnectionString }), TimeProvider.System);
        var bug = await bugs.RecordAsync(new BugIntake(new BugReport("Orders of exactly 10 units miss the volume discount")
        {
            Description = "An order of 50 pens at 2.00 comes out at 95.00 instead of 90.00.",
            Repository = Repository,
            Source = "api",
        }));
        await ScheduleAsync(bug.BugId);

        // The worker that fired the job is in Quartz's claim record; wait until its run is inside the (held) tests.
        var owner = await WaitForAsync(() => ExecutingInstanceAsync(bug.BugId));
        await WaitForAsync(async () => (await runs.ListAsync(new RunQuery { BugId = bug.BugId })) is [var r]
            && (await runs.GetAsync(r.Id))!.Events.Any(e => e.Event is WorkspacePrepared) ? r.Id : null);
        workers[owner].Kill(entireProcessTree: true);
        await workers[owner].WaitForExitAsync();
        File.Delete(hold);

        var healed = await WaitForAsync(async () => (await bugs.GetAsync(bug.BugId, 0))!.Summary.Heal is { Status: BugHealStatus.Finished } heal ? heal : null);
        var run = Assert.Single(await runs.ListAsync(new RunQuery { BugId = bug.BugId }));
        Assert.Equal(run.Id, healed.RunId);
        var events = (await runs.GetAsync(run.Id))!;
        Assert.Equal(RunStatus.Completed, events.State.Status);
        Assert.Single(events.Events, e => e.Event is RunFinished);
        Assert.Single(events.Events, e => e.Event is FixDelivered);
        Assert.Contains(events.Events, e => e.Event is WarningRaised w && w.Message.StartsWith("resumed", StringComparison.Ordinal));
        Assert.False(workers[owner == "worker-a" ? "worker-b" : "worker-a"].HasExited);
        await runs.DisposeAsync();
        await bugs.DisposeAsync();
    }

    [Fact]
    public async Task Worker_WithoutPostgres_SaysHowToGiveIt()
    {
        using var cli = new CliProcess();

        var result = await cli.RunAsync(["worker"], null, environment: new Dictionary<string, string?> { ["SELFHEAL_POSTGRES"] = null });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--postgres CONNSTRING or set SELFHEAL_POSTGRES", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_MissingConfigFile_SaysWhichFile()
    {
        using var cli = new CliProcess();
        var missing = _work.Combine("nope.json");

        var result = await cli.RunAsync(["worker", "--postgres", ConnectionString, "--config", missing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the configuration file '{missing}' does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_ConfigFileNotJson_SaysSoWithoutAStackTrace()
    {
        using var cli = new CliProcess();
        var config = _work.Combine("broken.json");
        await File.WriteAllTextAsync(config, "{ \"Heal\": ");

        var result = await cli.RunAsync(["worker", "--postgres", ConnectionString, "--config", config]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: the configuration file '{config}' is not valid JSON", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    private async Task<Process> StartWorkerAsync(string instance, string repositoryPath, string gate)
    {
        var home = Directory.CreateDirectory(_work.Combine(instance)).FullName;
        var config = Path.Combine(home, "selfheal.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Heal"] = new Dictionary<string, object>
            {
                ["Repositories"] = new Dictionary<string, object> { [Repository] = new { Path = repositoryPath } },
                ["ReadOnlyPaths"] = new[] { gate },
            },
            // A dead worker is noticed within seconds, not the default 20.
            ["Jobs"] = new { InstanceId = instance, CheckinIntervalSeconds = 0.5, CheckinMisfireThresholdSeconds = 1 },
        }));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "SelfHeal.Cli.dll"), "worker", "--config", config })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["SELFHEAL_HOME"] = home;
        info.Environment["SELFHEAL_POSTGRES"] = ConnectionString;
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(info)!;
        _workers.Add(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("joined the job cluster", StringComparison.Ordinal))
            {
                Assert.Contains(instance, line, StringComparison.Ordinal);
                return process;
            }
        }
        Assert.Fail($"worker {instance} ended before joining: {await process.StandardError.ReadToEndAsync()}");
        return process;
    }

    /// <summary>Schedules the bug's heal job as the server does when it accepts a bug (the scheduler here never starts).</summary>
    private async Task ScheduleAsync(string bugId)
    {
        using var host = WorkerApplication.Build(builder =>
        {
            builder.Configuration["SelfHeal:PostgresConnectionString"] = ConnectionString;
            builder.Configuration["SelfHeal:DatabasePath"] = _work.Combine("scheduler", "selfheal.db");
        });
        Assert.True(await host.Services.GetRequiredService<HealJobScheduler>().ScheduleAsync(bugId));
    }

    private async Task<string?> ExecutingInstanceAsync(string bugId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = @job AND state = 'EXECUTING'", connection);
        command.Parameters.AddWithValue("job", bugId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Polls <paramref name="probe"/> until it answers (bounded, so a broken cluster fails the test instead of hanging it).</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(200, timeout.Token);
        }
    }
}
