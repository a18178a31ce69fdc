using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SelfHeal.Policy;

/// <summary>
/// Reads <c>.selfheal.yml</c>: applies its <c>policy:</c> section on top of a server policy, keeping only the
/// settings that tighten it, and reads its <c>validation:</c> (<see cref="ValidationSection"/>) and <c>decision:</c>
/// (<see cref="DecisionSection"/>) sections. The schema is documented in docs/policy.md.
/// </summary>
/// <remarks>
/// <code>
/// policy:
///   allowed_paths: [src/**, tests/**]   # narrows the server's allowed paths
///   forbidden_paths: [src/Generated/**] # added to the server's forbidden paths
///   max_files_changed: 3                # lowers the limit; a higher value is ignored
///   max_lines_changed: 40
///   test_edits: none                    # none | add-only | any; only a stricter value applies
/// </code>
/// </remarks>
internal static class RepositoryPolicyFile
{
    public const string FileName = ".selfheal.yml";
    private const string RepositoryCategory = "forbidden by the repository's .selfheal.yml";

    public static PatchPolicyLoadResult Apply(PatchPolicy server, string yaml)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                return new PatchPolicyLoadResult(server, [], null);
            }
            if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return Fail(server, "the top level must be a mapping (key: value)", stream.Documents[0].RootNode.Start);
            }
            root = mapping;
        }
        catch (YamlException e)
        {
            return Fail(server, $"not valid YAML: {e.Message}", e.Start);
        }
        var result = new PatchPolicyLoadResult(server, [], null);
        if (root.Children.TryGetValue(new YamlScalarNode("policy"), out var policyNode))
        {
            if (policyNode is not YamlMappingNode section)
            {
                return Fail(server, "'policy' must be a mapping", policyNode.Start);
            }
            result = ApplyPolicy(server, section);
            if (!result.Succeeded)
            {
                return result;
            }
        }
        if (root.Children.TryGetValue(new YamlScalarNode("validation"), out var validationNode))
        {
            var (validation, error, mark) = ValidationSection.Read(validationNode);
            if (error is not null)
            {
                return Fail(server, error, mark);
            }
            result = result with { Validation = validation! };
        }
        if (root.Children.TryGetValue(new YamlScalarNode("decision"), out var decisionNode))
        {
            var (decision, error, mark) = DecisionSection.Read(decisionNode);
            if (error is not null)
            {
                return Fail(server, error, mark);
            }
            result = result with { Decision = decision! };
        }
        return result;
    }

    private static PatchPolicyLoadResult ApplyPolicy(PatchPolicy server, YamlMappingNode section)
    {
        var notes = new List<string>();
        var policy = server;
        foreach (var (keyNode, value) in section.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var (updated, error) = key switch
            {
                "allowed_paths" => Strings(value).Map(globs => policy with { RepositoryAllowedPaths = globs }),
                "forbidden_paths" => Strings(value).Map(globs => policy with
                {
                    ForbiddenPaths = [.. policy.ForbiddenPaths, .. Forbidden(globs, notes)],
                }),
                "max_files_changed" => Limit(value).Map(n => policy with { MaxFilesChanged = Lower(key, n, policy.MaxFilesChanged, notes) }),
                "max_lines_changed" => Limit(value).Map(n => policy with { MaxLinesChanged = Lower(key, n, policy.MaxLinesChanged, notes) }),
                "test_edits" => TestEdits(value).Map(t => policy with { TestEdits = Stricter(t, policy.TestEdits, notes) }),
                _ => (policy, null),
            };
            if (error is not null)
            {
                return Fail(server, $"policy.{key}: {error}", value.Start);
            }
            if (key is not ("allowed_paths" or "forbidden_paths" or "max_files_changed" or "max_lines_changed" or "test_edits"))
            {
                notes.Add($"policy.{key} is not a known setting and was ignored");
            }
            policy = updated!;
        }
        return new PatchPolicyLoadResult(policy, notes, null);
    }

    private static IEnumerable<ForbiddenPathRule> Forbidden(IReadOnlyList<string> globs, List<string> notes)
    {
        foreach (var glob in globs)
        {
            if (glob.StartsWith('!'))
            {
                notes.Add($"policy.forbidden_paths: '{glob}' was ignored; the repository file can add forbidden paths, not exempt them");
                continue;
            }
            yield return new ForbiddenPathRule(glob, RepositoryCategory);
        }
    }

    private static int Lower(string key, int requested, int current, List<string> notes)
    {
        if (requested > current)
        {
            notes.Add($"policy.{key}: {requested} was ignored; it exceeds the server limit {current} and the repository file can only lower it");
        }
        return Math.Min(requested, current);
    }

    private static TestEditPolicy Stricter(TestEditPolicy requested, TestEditPolicy current, List<string> notes)
    {
        if (requested > current)
        {
            notes.Add($"policy.test_edits: '{requested}' was ignored; the server allows only '{current}' and the repository file can only make it stricter");
        }
        return (TestEditPolicy)Math.Min((int)requested, (int)current);
    }

    private static (IReadOnlyList<string>? Value, string? Error) Strings(YamlNode node) => node switch
    {
        YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode { Value.Length: > 0 }) =>
            ([.. sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value!)], null),
        YamlScalarNode { Value.Length: > 0 } scalar => ([scalar.Value!], null),
        _ => (null, "expected a list of path globs"),
    };

    private static (int? Value, string? Error) Limit(YamlNode node) =>
        node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (n, null)
            : (null, "expected a positive whole number");

    private static (TestEditPolicy? Value, string? Error) TestEdits(YamlNode node) => (node as YamlScalarNode)?.Value switch
    {
        "none" => (TestEditPolicy.None, null),
        "add-only" => (TestEditPolicy.AddOnly, null),
        "any" => (TestEditPolicy.Any, null),
        _ => (null, "expected one of none, add-only, any"),
    };

    private static (PatchPolicy? Policy, string? Error) Map<T>(this (T? Value, string? Error) parsed, Func<T, PatchPolicy> apply)
        where T : notnull =>
        parsed.Error is null ? (apply(parsed.Value!), null) : (null, parsed.Error);

    private static (PatchPolicy? Policy, string? Error) Map<T>(this (T? Value, string? Error) parsed, Func<T, PatchPolicy> apply)
        where T : struct =>
        parsed.Error is null ? (apply(parsed.Value!.Value), null) : (null, parsed.Error);

    private static PatchPolicyLoadResult Fail(PatchPolicy server, string message, Mark mark) =>
        new(server, [], $"{FileName} line {mark.Line}: {message}");
}
