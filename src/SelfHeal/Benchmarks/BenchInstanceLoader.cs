using System.Text.Json;

namespace SelfHeal.Benchmarks;

/// <summary>
/// Reads benchmark instances from a folder of <c>instance.json</c> files or from a SWE-bench-style JSONL file.
/// A bad instance becomes a <see cref="BenchLoadProblem"/> that says what is wrong; it never hides the good ones.
/// </summary>
public static class BenchInstanceLoader
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", "__pycache__", ".venv", "target", "build" };

    /// <summary>Instances under <paramref name="path"/>: a folder (searched for <c>instance.json</c>) or a <c>.jsonl</c> file.</summary>
    /// <param name="clones">Where SWE-bench instances find local clones of their repositories.</param>
    public static BenchLoadResult Load(string path, string? clones = null)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return ReadJsonl(full, clones);
        }
        if (!Directory.Exists(full))
        {
            return new([], [new(full, "does not exist. Give a folder of instances (each with an instance.json) or a SWE-bench JSONL file.")]);
        }
        var instances = new List<BenchInstance>();
        var problems = new List<BenchLoadProblem>();
        foreach (var file in FindInstanceFiles(full))
        {
            try
            {
                instances.Add(ReadInstanceJson(file, full));
            }
            catch (BenchInstanceException e)
            {
                problems.Add(new(file, e.Message));
            }
        }
        if (instances.Count == 0 && problems.Count == 0)
        {
            problems.Add(new(full, "holds no instance.json. Each instance is a folder with the repository (a repo/ subfolder or the folder itself) and an instance.json."));
        }
        return new(instances, problems);
    }

    private static IEnumerable<string> FindInstanceFiles(string root)
    {
        var pending = new Stack<string>([root]);
        var found = new List<string>();
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var instance = Path.Combine(folder, "instance.json");
            if (File.Exists(instance))
            {
                // An instance's own folder is not searched further: its repository may hold other instance.json files.
                found.Add(instance);
                continue;
            }
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(child)) && !new FileInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push(child);
                }
            }
        }
        return found.Order(StringComparer.Ordinal);
    }

    private static BenchInstance ReadInstanceJson(string file, string root)
    {
        var folder = Path.GetDirectoryName(file)!;
        using var document = Parse(File.ReadAllText(file), "it is not valid JSON");
        var json = document.RootElement;
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new BenchInstanceException("must be a JSON object with at least a repository (repo/ beside it, or \"repo\": \"PATH\").");
        }
        var id = String(json, "id") ?? String(json, "instance_id") ?? Path.GetRelativePath(root, folder).Replace('\\', '/');
        var repo = String(json, "repo") is { } repoField ? Inside(folder, repoField, "repo")
            : Directory.Exists(Path.Combine(folder, "repo")) ? Path.Combine(folder, "repo")
            : folder;
        if (!Directory.Exists(repo))
        {
            throw new BenchInstanceException($"its repository folder '{repo}' does not exist.");
        }
        string? trueFix = null;
        if (String(json, "fix_patch") is { } fixFile)
        {
            var fixPath = Inside(folder, fixFile, "fix_patch");
            trueFix = File.Exists(fixPath) ? File.ReadAllText(fixPath) : throw new BenchInstanceException($"fix_patch '{fixFile}' does not exist beside it.");
        }
        trueFix ??= String(json, "patch");
        return new BenchInstance(id, file)
        {
            Folder = repo,
            TestCommand = String(json, "test_command"),
            Description = String(json, "description") ?? String(json, "problem_statement"),
            TrueFix = trueFix,
            Language = String(json, "language"),
            TestPatch = String(json, "test_patch"),
            FailToPass = Strings(json, "failing_tests") is { Count: > 0 } failing ? failing : Strings(json, "FAIL_TO_PASS"),
            PassToPass = Strings(json, "PASS_TO_PASS"),
        };
    }

    private static BenchLoadResult ReadJsonl(string file, string? clones)
    {
        var instances = new List<BenchInstance>();
        var problems = new List<BenchLoadProblem>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var origin = $"{file}:{number}";
            try
            {
                instances.Add(ReadSweBenchLine(line, clones));
            }
            catch (BenchInstanceException e)
            {
                problems.Add(new(origin, e.Message));
            }
        }
        if (instances.Count == 0 && problems.Count == 0)
        {
            problems.Add(new(file, "is empty. A SWE-bench file has one JSON object per line with instance_id, repo, base_commit and test_patch."));
        }
        return new(instances, problems);
    }

    private static BenchInstance ReadSweBenchLine(string line, string? clones)
    {
        using var document = Parse(line, "the line is not valid JSON");
        var json = document.RootElement;
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new BenchInstanceException("the line is not a JSON object.");
        }
        var id = Required(json, "instance_id");
        var repo = Required(json, "repo");
        var baseCommit = Required(json, "base_commit");
        if (clones is null)
        {
            throw new BenchInstanceException($"{id}: SWE-bench instances run against local clones; give --clones DIR with {repo} cloned at DIR/{repo.Replace("/", "__", StringComparison.Ordinal)} or DIR/{repo}.");
        }
        var clone = FindClone(Path.GetFullPath(clones), repo)
            ?? throw new BenchInstanceException($"{id}: no local clone of {repo} under {clones}. Clone it there: git clone https://github.com/{repo} {Path.Combine(clones, repo.Replace("/", "__", StringComparison.Ordinal))}");
        return new BenchInstance(id, id)
        {
            CloneFrom = clone,
            BaseCommit = baseCommit,
            TestPatch = String(json, "test_patch"),
            TrueFix = String(json, "patch"),
            Description = String(json, "problem_statement"),
            TestCommand = String(json, "test_command"),
            Language = String(json, "language"),
            FailToPass = Strings(json, "FAIL_TO_PASS"),
            PassToPass = Strings(json, "PASS_TO_PASS"),
        };
    }

    private static string? FindClone(string clones, string repo)
    {
        var parts = repo.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p is "." or ".."))
        {
            throw new BenchInstanceException($"repo '{repo}' is not OWNER/NAME.");
        }
        return new[] { Path.Combine(clones, $"{parts[0]}__{parts[1]}"), Path.Combine(clones, parts[0], parts[1]), Path.Combine(clones, parts[1]) }
            .FirstOrDefault(candidate => Directory.Exists(Path.Combine(candidate, ".git")) || File.Exists(Path.Combine(candidate, "HEAD")));
    }

    /// <summary>A path given inside an instance file, which must stay inside the instance's folder.</summary>
    private static string Inside(string folder, string relative, string field)
    {
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) || full == Path.GetFullPath(folder)
            ? full
            : throw new BenchInstanceException($"{field} '{relative}' points outside the instance's folder.");
    }

    private static JsonDocument Parse(string text, string problem)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new BenchInstanceException($"{problem}: {e.Message}");
        }
    }

    private static string Required(JsonElement json, string name) =>
        String(json, name) is { Length: > 0 } value ? value : throw new BenchInstanceException($"the required field \"{name}\" is missing or empty.");

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new BenchInstanceException($"\"{name}\" must be a string."),
        } : null;

    /// <summary>A list of strings, given as a JSON array or (as in SWE-bench's exports) a string holding one.</summary>
    private static IReadOnlyList<string> Strings(JsonElement json, string name)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            using var inner = Parse(value.GetString()!, $"\"{name}\" holds a string that is not a JSON array");
            return StringArray(inner.RootElement, name);
        }
        return StringArray(value, name);
    }

    private static IReadOnlyList<string> StringArray(JsonElement array, string name)
    {
        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new BenchInstanceException($"\"{name}\" must be a list of test names.");
        }
        return [.. array.EnumerateArray().Select(e => e.GetString()!)];
    }
}

/// <summary>An instance file or line that cannot be used; the message says why.</summary>
public sealed class BenchInstanceException : Exception
{
    public BenchInstanceException() { }

    public BenchInstanceException(string message) : base(message) { }

    public BenchInstanceException(string message, Exception innerException) : base(message, innerException) { }
}
