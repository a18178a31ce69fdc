using Microsoft.Extensions.Options;

namespace SelfHeal.Policy;

/// <summary>
/// Builds the effective <see cref="PatchPolicy"/> for a repository: the server's <see cref="PatchPolicyOptions"/>
/// tightened by the repository's <c>.selfheal.yml</c> (see <see cref="PatchPolicyOptions"/> for the rules).
/// </summary>
public sealed class PatchPolicyLoader(IOptions<PatchPolicyOptions> options)
{
    /// <summary>The policy for the checkout at <paramref name="repoRoot"/>; a missing <c>.selfheal.yml</c> means the server policy.</summary>
    public async Task<PatchPolicyLoadResult> LoadAsync(string repoRoot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repoRoot);
        var server = PatchPolicy.FromOptions(options.Value);
        var path = Path.Combine(repoRoot, RepositoryPolicyFile.FileName);
        // A symlinked policy file could make the repository's policy depend on a file outside it: read only a regular file.
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new PatchPolicyLoadResult(server, [], null);
        }
        if (info.LinkTarget is not null)
        {
            return new PatchPolicyLoadResult(server, [], $"{RepositoryPolicyFile.FileName} is a symbolic link; it must be a regular file");
        }
        var yaml = await File.ReadAllTextAsync(path, cancellationToken);
        return Load(server, yaml);
    }

    /// <summary>Applies the text of a <c>.selfheal.yml</c> to <paramref name="server"/>.</summary>
    public static PatchPolicyLoadResult Load(PatchPolicy server, string yaml)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(yaml);
        return RepositoryPolicyFile.Apply(server, yaml);
    }
}
