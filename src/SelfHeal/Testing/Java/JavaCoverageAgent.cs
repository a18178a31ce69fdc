using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using SelfHeal.Coverage;
using SelfHeal.Processes;
using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Java;

/// <summary>
/// Per-test line coverage for JVM test runs (Ant's <c>junit</c> task, Maven Surefire) with SelfHeal's own small Java
/// agent (<c>CoverageAgent/*.java</c>, embedded): it probes every source line of the classes under the worktree with
/// the JDK's own copy of ASM and takes test boundaries from JUnit 4's <c>RunNotifier</c>, so it works with the JDK that
/// runs the tests and needs no coverage tool of a matching version (Debian's JaCoCo cannot read Java 17 classes).
/// The agent is compiled with the host's <c>javac</c> once per version of its source and cached in SelfHeal's data folder; each
/// run gets a copy in its results folder (the sandbox sees that folder) and loads it through <c>JAVA_TOOL_OPTIONS</c>, so
/// the test JVMs a build forks load it too. Thread-safe.
/// </summary>
internal sealed class JavaCoverageAgent(ProcessRunner processes)
{
    private const string Settings = "selfheal-coverage.properties";
    private const string JarName = "selfheal-coverage.jar";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _jar;
    private string? _problem;

    /// <summary>
    /// Puts the agent in <paramref name="results"/> for a run of the tests in <paramref name="root"/>; returns the variables
    /// the test command needs, or <see langword="null"/> with a note saying why coverage cannot be recorded.
    /// </summary>
    public async Task<(IReadOnlyList<(string Name, string? Value)>? Environment, string? Note)> PrepareAsync(ResultsFolder results, string root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Path.Any(char.IsWhiteSpace))
        {
            return (null, "per-test coverage is not recorded: the temp folder's path has a space, which JAVA_TOOL_OPTIONS cannot carry");
        }
        var jar = await JarAsync(cancellationToken).ConfigureAwait(false);
        if (jar is null)
        {
            return (null, "per-test coverage is not recorded: " + _problem);
        }
        File.Copy(jar, results.Combine(JarName), overwrite: true);
        await File.WriteAllTextAsync(results.Combine(Settings), "root=" + EscapeProperty(Path.GetFullPath(root)) + "\n", cancellationToken).ConfigureAwait(false);
        return ([("JAVA_TOOL_OPTIONS", "-javaagent:" + results.Combine(JarName))], null);
    }

    /// <summary>
    /// The slices the agent wrote into <paramref name="results"/> (one per finished test), with the class-relative source
    /// paths it recorded (<c>com/acme/Foo.java</c>) mapped to the repository's files; <see langword="null"/> when none,
    /// with a note in <paramref name="notes"/> saying why.
    /// </summary>
    public static CoverageReport? Read(ResultsFolder results, string root, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(notes);
        if (!File.Exists(results.Combine(JarName)))
        {
            return null;
        }
        var files = Directory.EnumerateFiles(results.Path, "coverage-*.tsv").ToList();
        if (files.Count == 0)
        {
            notes.Add("per-test coverage is not recorded: no test ran under JUnit 4 with SelfHeal's coverage agent");
            return null;
        }
        var sources = new SourceIndex(root);
        var slices = new List<CoverageSlice>();
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            var fields = line.Split('\t');
            if (fields.Length == 0 || fields[0].Length == 0)
            {
                continue;
            }
            var lines = new HashSet<SourceLine>();
            foreach (var field in fields.Skip(1))
            {
                var colon = field.LastIndexOf(':');
                if (colon > 0 && int.TryParse(field.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && sources.Find(field[..colon]) is { } file)
                {
                    lines.Add(new SourceLine(file, number));
                }
            }
            slices.Add(new CoverageSlice([fields[0]], lines));
        }
        if (slices.All(s => s.Lines.Count == 0))
        {
            notes.Add("per-test coverage is not recorded: the classes were compiled without line numbers (javac -g, or debug=\"true\" in Ant's javac task)");
            return null;
        }
        return new CoverageReport(slices);
    }

    private async Task<string?> JarAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_jar is null && _problem is null)
            {
                (_jar, _problem) = await BuildAsync(cancellationToken).ConfigureAwait(false);
            }
            return _jar;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string? Jar, string? Problem)> BuildAsync(CancellationToken cancellationToken)
    {
        var sources = Sources();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(sources.Select(s => s.Name + "\0" + s.Text + "\0")))))[..16];
        var folder = Path.Combine(SelfHealPaths.DataDirectory, "tools");
        var jar = Path.Combine(folder, $"coverage-agent-{hash}.jar");
        if (File.Exists(jar))
        {
            return (jar, null);
        }
        var work = Path.Combine(Path.GetTempPath(), "selfheal-coverage-agent-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(work, "classes"));
            var files = new List<string>();
            foreach (var (name, text) in sources)
            {
                var file = Path.Combine(work, name);
                await File.WriteAllTextAsync(file, text, cancellationToken).ConfigureAwait(false);
                files.Add(file);
            }
            var spec = new CommandSpec("javac", ["-nowarn", "--add-exports", "java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED", "-d", Path.Combine(work, "classes"), .. files], work)
            {
                Timeout = TimeSpan.FromMinutes(2),
            };
            var result = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            if (result.StartError is not null)
            {
                return (null, "javac is not installed (apt-get install default-jdk-headless)");
            }
            if (!result.Succeeded)
            {
                return (null, "the coverage agent does not compile with this JDK: " + RunProblems.Tail(result.Output, 3));
            }
            Directory.CreateDirectory(folder);
            var staging = jar + "." + Guid.NewGuid().ToString("N") + ".tmp";
            Pack(Path.Combine(work, "classes"), staging);
            File.Move(staging, jar, overwrite: true);
            return (jar, null);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Pack(string classes, string jar)
    {
        using var zip = ZipFile.Open(jar, ZipArchiveMode.Create);
        var manifest = zip.CreateEntry("META-INF/MANIFEST.MF");
        using (var writer = new StreamWriter(manifest.Open(), new UTF8Encoding(false)))
        {
            writer.Write("Manifest-Version: 1.0\r\nPremain-Class: selfheal.coverage.Agent\r\n\r\n");
        }
        foreach (var file in Directory.EnumerateFiles(classes, "*.class", SearchOption.AllDirectories))
        {
            zip.CreateEntryFromFile(file, Path.GetRelativePath(classes, file).Replace('\\', '/'));
        }
    }

    private static List<(string Name, string Text)> Sources()
    {
        var assembly = typeof(JavaCoverageAgent).Assembly;
        const string prefix = "SelfHeal.Testing.Java.CoverageAgent.";
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(n => (n[prefix.Length..], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string EscapeProperty(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    /// <summary>The repository's Java files by their path relative to a source root (<c>com/acme/Foo.java</c>).</summary>
    private sealed class SourceIndex(string root)
    {
        private readonly Dictionary<string, string?> _found = new(StringComparer.Ordinal);
        private List<string>? _files;

        public string? Find(string classRelative)
        {
            if (_found.TryGetValue(classRelative, out var known))
            {
                return known;
            }
            _files ??= RepositoryFiles.Find(root, n => n.EndsWith(".java", StringComparison.Ordinal)).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToList();
            var matches = _files.Where(f => f == classRelative || f.EndsWith("/" + classRelative, StringComparison.Ordinal)).ToList();
            var file = matches.Count == 1 ? matches[0] : matches.OrderBy(f => f.Contains("/test/", StringComparison.Ordinal)).ThenBy(f => f.Length).FirstOrDefault();
            _found[classRelative] = file;
            return file;
        }
    }
}
