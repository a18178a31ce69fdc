using System.Collections.Concurrent;
using System.Text;

namespace SelfHeal.Llm;

/// <summary>
/// The prompts, as versioned template files embedded from <c>Llm/Prompts/*.md</c>: a front matter with
/// <c>version: N</c>, then the text, with <c>{{name}}</c> placeholders. Thread-safe.
/// </summary>
public static class PromptLibrary
{
    private static readonly ConcurrentDictionary<string, PromptTemplate> Cache = new(StringComparer.Ordinal);

    /// <summary>The template <paramref name="name"/> (<c>repair.system</c>). Throws when it is not embedded: a build error.</summary>
    public static PromptTemplate Get(string name) => Cache.GetOrAdd(name, Load);

    private static PromptTemplate Load(string name)
    {
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream($"SelfHeal.Llm.Prompts.{name}.md")
            ?? throw new InvalidOperationException($"The prompt '{name}' is not embedded in the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal) || text.IndexOf("\n---\n", 3, StringComparison.Ordinal) is var end && end < 0)
        {
            throw new InvalidOperationException($"The prompt '{name}' has no front matter.");
        }
        var header = text[4..end].Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!header.TryGetValue("version", out var version) || !int.TryParse(version, out var number))
        {
            throw new InvalidOperationException($"The prompt '{name}' has no version.");
        }
        return new PromptTemplate(name, number, text[(end + 5)..].TrimEnd() + "\n");
    }
}
