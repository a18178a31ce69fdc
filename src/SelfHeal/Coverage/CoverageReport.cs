namespace SelfHeal.Coverage;

/// <summary>
/// Lines executed by tests, in slices. A slice is the coverage of a set of tests that the ecosystem
/// could not tell apart: one test per slice where per-test coverage is available (coverage.py's
/// dynamic contexts), a whole filtered run otherwise.
/// </summary>
public sealed record CoverageReport(IReadOnlyList<CoverageSlice> Slices);

/// <summary>The lines executed while the tests in <paramref name="TestIds"/> ran.</summary>
public sealed record CoverageSlice(IReadOnlyList<string> TestIds, IReadOnlySet<SourceLine> Lines);
