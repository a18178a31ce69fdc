using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SelfHeal.Policy;

/// <summary>
/// Strict readers for a section of <c>.selfheal.yml</c>: a setting of the wrong shape or an unknown key is an error
/// that names the setting, what was expected and the line.
/// </summary>
internal sealed class YamlSettings
{
    private readonly string _path;
    private readonly YamlMappingNode _node;

    private YamlSettings(string path, YamlMappingNode node)
    {
        _path = path;
        _node = node;
    }

    /// <summary>The error that stopped reading, with where it is.</summary>
    public (string Message, Mark Mark)? Error { get; private set; }

    /// <summary>Opens <paramref name="node"/> as the mapping <paramref name="path"/> accepting only <paramref name="known"/> keys.</summary>
    public static YamlSettings Open(string path, YamlNode node, params string[] known)
    {
        if (node is not YamlMappingNode mapping)
        {
            return new YamlSettings(path, new YamlMappingNode()) { Error = ($"'{path}' must be a mapping (key: value)", node.Start) };
        }
        var settings = new YamlSettings(path, mapping);
        foreach (var (key, _) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                settings.Error ??= ($"{path}.{name} is not a known setting; known settings are {string.Join(", ", known)}", key.Start);
            }
        }
        return settings;
    }

    public YamlNode? Node(string key) => _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? String(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Fail($"{_path}.{key} is required", _node.Start);
            }
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } text } && !string.IsNullOrWhiteSpace(text))
        {
            return text;
        }
        Fail($"{_path}.{key}: expected a non-empty text", node.Start);
        return null;
    }

    public double? Number(string key, double min, double max)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }
        Fail(string.Create(CultureInfo.InvariantCulture, $"{_path}.{key}: expected a number from {min} to {max}"), node.Start);
        return null;
    }

    public bool? Boolean(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }
        switch ((node as YamlScalarNode)?.Value)
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                Fail($"{_path}.{key}: expected true or false", node.Start);
                return null;
        }
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode { Value.Length: > 0 }):
                return [.. sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value!)];
            case YamlScalarNode { Value.Length: > 0 } scalar:
                return [scalar.Value!];
            default:
                Fail($"{_path}.{key}: expected a list of path globs", node.Start);
                return [];
        }
    }

    /// <summary>Records an error unless one is already recorded (the first error is reported).</summary>
    public void Fail(string message, Mark mark) => Error ??= (message, mark);
}
