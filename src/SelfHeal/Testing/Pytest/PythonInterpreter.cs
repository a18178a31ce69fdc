namespace SelfHeal.Testing.Pytest;

/// <summary>A Python that can run pytest, and whether it can also run coverage.py.</summary>
internal sealed record PythonInterpreter(string Path, bool HasCoverage);
