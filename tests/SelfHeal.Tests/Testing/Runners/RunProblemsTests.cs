using SelfHeal.Processes;
using SelfHeal.Testing.Running;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class RunProblemsTests
{
    [Fact]
    public void OfCommand_ProgramThatWouldNotStart_SaysHowToInstallIt()
    {
        var spec = new CommandSpec("python3", ["-m", "pytest"], "/repo");
        var result = new CommandResult(-1, "", TimeSpan.Zero) { StartError = "could not start 'python3': No such file or directory" };

        Assert.Equal("'pytest' is not installed: apt-get install python3-pytest", RunProblems.OfCommand(spec, result, "pytest", "apt-get install python3-pytest"));
    }

    [Fact]
    public void OfCommand_ShellExit127_NamesTheMissingCommand()
    {
        var spec = CommandSpec.Shell("./gradlew test", "/repo");
        var result = new CommandResult(127, "/bin/sh: 1: ./gradlew: not found\n", TimeSpan.Zero);

        Assert.Equal("the test command './gradlew' was not found", RunProblems.OfCommand(spec, result, "sh", ""));
    }

    [Fact]
    public void OfCommand_TimedOut_SaysTheLimit()
    {
        var spec = new CommandSpec("go", ["test"], "/repo") { Timeout = TimeSpan.FromMinutes(10) };
        var result = new CommandResult(-1, "", TimeSpan.FromMinutes(10)) { TimedOut = true };

        Assert.Equal("the tests did not finish within 10 minutes and were stopped", RunProblems.OfCommand(spec, result, "go", ""));
    }

    [Fact]
    public void OfCommand_FailingSuite_IsNoProblem() =>
        Assert.Null(RunProblems.OfCommand(CommandSpec.Shell("make test", "/repo"), new CommandResult(2, "1 failed", TimeSpan.Zero), "sh", ""));
}
