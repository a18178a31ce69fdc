namespace SelfHeal.Testing.Running;

/// <summary>A fresh folder under the system temp folder for one run's result files, deleted on dispose.</summary>
internal sealed class ResultsFolder : IDisposable
{
    public ResultsFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "selfheal-results-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the run started may still hold a file; the temp folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
