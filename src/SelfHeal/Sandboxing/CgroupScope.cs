using System.Diagnostics;

namespace SelfHeal.Sandboxing;

/// <summary>
/// A memory and pids cgroup created for one sandboxed command, nested under SelfHeal's own cgroup so it
/// never escapes limits set on SelfHeal itself. Supports cgroup v1 (separate memory and pids
/// hierarchies) and v2 (when SelfHeal's cgroup delegates both controllers). Unlike rlimits, the pids limit
/// binds root too, and the memory limit covers the whole tree, including tmpfs pages it writes.
/// </summary>
internal sealed class CgroupScope
{
    private const string Root = "/sys/fs/cgroup";
    private readonly List<string> _directories;
    private readonly string _memoryDirectory;
    private readonly string _pidsDirectory;
    private readonly bool _v2;

    private CgroupScope(List<string> directories, string memoryDirectory, string pidsDirectory, bool v2)
    {
        _directories = directories;
        _memoryDirectory = memoryDirectory;
        _pidsDirectory = pidsDirectory;
        _v2 = v2;
    }

    /// <summary>The <c>cgroup.procs</c> files a process writes its pid into to join the scope.</summary>
    public IReadOnlyList<string> ProcsFiles => _directories.Select(d => Path.Combine(d, "cgroup.procs")).ToList();

    /// <summary>Creates the scope with its limits, or returns <see langword="null"/> when cgroups are not writable here.</summary>
    public static CgroupScope? TryCreate(long memoryBytes, int maxProcesses)
    {
        var name = "selfheal-sandbox-" + Guid.NewGuid().ToString("N")[..12];
        var own = ReadOwnCgroups();
        var created = new List<string>();
        try
        {
            if (File.Exists(Path.Combine(Root, "cgroup.controllers")) && own.TryGetValue("", out var unified))
            {
                var dir = Create(Path.Combine(Root, unified.TrimStart('/')), name, created);
                File.WriteAllText(Path.Combine(dir, "pids.max"), maxProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture));
                File.WriteAllText(Path.Combine(dir, "memory.max"), memoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
                TryWrite(Path.Combine(dir, "memory.swap.max"), "0");
                return new CgroupScope(created, dir, dir, v2: true);
            }
            if (own.TryGetValue("memory", out var memoryPath) && own.TryGetValue("pids", out var pidsPath))
            {
                var memory = Create(Path.Combine(Root, "memory", memoryPath.TrimStart('/')), name, created);
                var pids = Create(Path.Combine(Root, "pids", pidsPath.TrimStart('/')), name, created);
                var bytes = memoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
                File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), bytes);
                TryWrite(Path.Combine(memory, "memory.memsw.limit_in_bytes"), bytes);
                File.WriteAllText(Path.Combine(pids, "pids.max"), maxProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return new CgroupScope(created, memory, pids, v2: false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RemoveDirectories(created);
        }
        return null;
    }

    /// <summary>
    /// Kills every process left in the scope (a daemon the command left behind, a fork bomb), removes
    /// the cgroups and reports which limits were hit.
    /// </summary>
    public async Task<(bool OutOfMemory, bool ProcessLimitHit)> KillAndRemoveAsync()
    {
        var outOfMemory = ReadCounter(Path.Combine(_memoryDirectory, _v2 ? "memory.events" : "memory.oom_control"), "oom_kill") > 0;
        var processLimitHit = ReadCounter(Path.Combine(_pidsDirectory, "pids.events"), "max") > 0;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var alive = false;
            foreach (var directory in _directories)
            {
                if (_v2)
                {
                    TryWrite(Path.Combine(directory, "cgroup.kill"), "1");
                }
                foreach (var pid in ReadPids(directory))
                {
                    alive = true;
                    Kill(pid);
                }
            }
            if (!alive && RemoveDirectories(_directories))
            {
                break;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25)).ConfigureAwait(false);
        }
        return (outOfMemory, processLimitHit);
    }

    private static string Create(string parent, string name, List<string> created)
    {
        var dir = Path.Combine(parent, name);
        Directory.CreateDirectory(dir);
        created.Add(dir);
        return dir;
    }

    private static Dictionary<string, string> ReadOwnCgroups()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists("/proc/self/cgroup"))
        {
            return result;
        }
        foreach (var line in File.ReadAllLines("/proc/self/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3)
            {
                foreach (var controller in parts[1].Split(','))
                {
                    result[controller] = parts[2];
                }
            }
        }
        return result;
    }

    private static long ReadCounter(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No such counter on this kernel: report the limit as not hit.
        }
        return 0;
    }

    private static List<int> ReadPids(string directory)
    {
        try
        {
            return File.ReadAllLines(Path.Combine(directory, "cgroup.procs"))
                .Select(l => int.TryParse(l, out var pid) ? pid : 0)
                .Where(pid => pid > 0)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static bool RemoveDirectories(List<string> directories)
    {
        var all = true;
        foreach (var directory in directories.AsEnumerable().Reverse())
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                all = false;
            }
        }
        return all;
    }

    private static void TryWrite(string file, string value)
    {
        try
        {
            if (File.Exists(file))
            {
                File.WriteAllText(file, value);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Optional knob (swap accounting, cgroup.kill) this kernel does not offer.
        }
    }
}
