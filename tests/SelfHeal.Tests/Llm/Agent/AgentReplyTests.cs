using SelfHeal.Llm.Agent;

namespace SelfHeal.Tests.Llm.Agent;

public sealed class AgentReplyTests
{
    [Fact]
    public void Parse_OneBashBlock_GivesTheThoughtAndTheCommand()
    {
        var reply = AgentReply.Parse("Look at the loop.\n\n```bash\ngrep -n 'for ' shop/cart.py\n```\n");

        Assert.Equal("Look at the loop.", reply.Thought);
        Assert.Equal("grep -n 'for ' shop/cart.py", reply.Command);
        Assert.Null(reply.Problem);
        Assert.False(reply.IsSubmit);
    }

    [Theory]
    [InlineData("No command at all.", "holds no ```bash block")]
    [InlineData("```python\nprint(1)\n```", "holds no ```bash block")]
    [InlineData("```bash\nls\n```\n```sh\npwd\n```", "holds 2 ```bash blocks")]
    [InlineData("```bash\n\n```", "is empty")]
    public void Parse_NotExactlyOneCommand_IsAFormatError(string answer, string problem)
    {
        var reply = AgentReply.Parse(answer);

        Assert.Null(reply.Command);
        Assert.Contains(problem, reply.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("echo SELFHEAL_SUBMIT", true)]
    [InlineData("  echo SELFHEAL_SUBMIT  ", true)]
    [InlineData("echo SELFHEAL_SUBMIT && git diff", true)]
    [InlineData("echo SELFHEAL_SUBMITTED", false)]
    [InlineData("ls\necho SELFHEAL_SUBMIT", false)]
    public void IsSubmit_OnlyWhenTheFirstLineIsTheMarker(string command, bool submits)
    {
        Assert.Equal(submits, AgentReply.Parse($"Done.\n```bash\n{command}\n```").IsSubmit);
    }
}
