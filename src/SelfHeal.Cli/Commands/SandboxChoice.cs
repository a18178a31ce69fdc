using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Cli.Rendering;
using SelfHeal.Sandboxing;

namespace SelfHeal.Cli.Commands;

/// <summary>The <c>--sandbox</c> option of the commands that run a repository's code, and its check before a run starts.</summary>
internal static class SandboxChoice
{
    public const string Name = "--sandbox";

    /// <summary>The loud warning printed before an unsandboxed run.</summary>
    public const string UnsandboxedWarning =
        "WARNING: --sandbox none: the repository's build and tests will run UNSANDBOXED, with your user's rights, network and files. Use it only on code you trust as much as your own.";

    /// <summary>Printed when <c>demo</c> runs its bundled sample without bubblewrap because bubblewrap is not installed.</summary>
    public const string DemoUnsandboxedNotice =
        "NOTE: bubblewrap is not installed, so the demo runs its bundled sample (SelfHeal's own code) WITHOUT a sandbox. "
        + "Install it (apt-get install bubblewrap) to see the sandboxed run; diagnose and fix never fall back like this on your repositories.";

    public static Option<string> Create()
    {
        var option = new Option<string>(Name)
        {
            Description = "Where the repository's restore, build and tests run: bubblewrap (no network, only the worktree writable; default) or none (unsandboxed, explicit opt-in).",
            DefaultValueFactory = _ => SandboxOptions.Bubblewrap,
        };
        option.AcceptOnlyFromAmong(SandboxOptions.Bubblewrap, SandboxOptions.None);
        return option;
    }

    /// <summary>Applies the command's <c>--sandbox</c> (if it has one) to <paramref name="options"/>.</summary>
    public static void Configure(ParseResult parse, SandboxOptions options)
    {
        var option = parse.CommandResult.Command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == Name);
        if (option is not null && parse.GetValue(option) is { } kind)
        {
            options.Kind = kind;
            options.AllowUnsandboxed = kind == SandboxOptions.None;
            if (DemoFallsBack(parse, option, options))
            {
                options.Kind = SandboxOptions.None;
                options.AllowUnsandboxed = true;
            }
        }
    }

    /// <summary>
    /// Only <c>demo</c>, only when <c>--sandbox</c> was not given and bubblewrap is missing: the demo's sample ships with
    /// SelfHeal (it is not untrusted code), and the README's first command must work on a fresh machine.
    /// </summary>
    public static bool DemoFallsBack(ParseResult parse, Option<string> option, SandboxOptions options) =>
        parse.CommandResult.Command.Name == "demo"
        && parse.GetResult(option) is null or { Implicit: true }
        && options.Kind == SandboxOptions.Bubblewrap
        && SandboxFactory.Find(options.BubblewrapPath) is null;

    /// <summary>
    /// Makes sure the chosen sandbox can run here: prints why not and returns <see cref="ExitCodes.BadInput"/>, or
    /// warns loudly for <c>none</c> and returns <see langword="null"/>.
    /// </summary>
    public static int? Check(IServiceProvider services, string? unsandboxedNotice = null)
    {
        SandboxedCommandRunner runner;
        try
        {
            runner = services.GetRequiredService<SandboxedCommandRunner>();
        }
        catch (SandboxUnavailableException ex)
        {
            Output.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        if (!runner.IsIsolated)
        {
            Output.Error.WriteLine(unsandboxedNotice ?? UnsandboxedWarning);
        }
        return null;
    }
}
