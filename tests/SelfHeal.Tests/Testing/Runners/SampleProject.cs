using System.Globalization;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Runners;

/// <summary>A small repository written into a temp folder for a real test run. Dispose removes it.</summary>
internal sealed class SampleProject : IDisposable
{
    private readonly TempDirectory _directory = new("selfheal-sample");

    public SampleProject(params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }
    }

    public string Path => _directory.Path;

    public void Write(string path, string content)
    {
        var full = _directory.Combine(path.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>Every file and folder in the repository, relative, for asserting that a run left nothing behind.</summary>
    public IReadOnlyList<string> Entries() =>
        Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Select(e => System.IO.Path.GetRelativePath(Path, e).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A number no other process uses as an argument, to find a test's child processes afterwards.</summary>
    public static string UniqueSleepSeconds() =>
        "600." + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Processes whose command line contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> ProcessesMentioning(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(System.IO.Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && p.Pid != Environment.ProcessId)
            .Where(p =>
            {
                try
                {
                    return File.ReadAllText(System.IO.Path.Combine(p.Dir, "cmdline")).Replace('\0', ' ').Contains(marker, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .Select(p => p.Pid)
            .ToList();

    public void Dispose() => _directory.Dispose();
}
