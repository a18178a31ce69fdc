using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SelfHeal.Delivery.PullRequests.GitHub;

/// <summary>A repository's <c>owner/name</c>, and an issue in it (<c>owner/name#12</c>).</summary>
internal sealed partial record GitHubRepository(string Owner, string Name)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out GitHubRepository? repository)
    {
        var match = text is null ? Match.Empty : RepositoryPattern().Match(text.Trim());
        repository = match.Success ? new GitHubRepository(match.Groups["owner"].Value, match.Groups["name"].Value) : null;
        return repository is not null;
    }

    /// <summary>Parses <c>owner/name#12</c>.</summary>
    public static bool TryParseIssue(string? text, [NotNullWhen(true)] out GitHubRepository? repository, out int number)
    {
        var match = text is null ? Match.Empty : IssuePattern().Match(text.Trim());
        number = 0;
        repository = null;
        if (!match.Success || !int.TryParse(match.Groups["number"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) || number <= 0)
        {
            return false;
        }
        repository = new GitHubRepository(match.Groups["owner"].Value, match.Groups["name"].Value);
        return true;
    }

    public override string ToString() => $"{Owner}/{Name}";

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<name>[A-Za-z0-9._-]{1,100})$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<name>[A-Za-z0-9._-]{1,100})#(?<number>[0-9]{1,9})$")]
    private static partial Regex IssuePattern();
}
