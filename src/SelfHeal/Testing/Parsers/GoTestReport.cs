namespace SelfHeal.Testing.Parsers;

/// <summary>What a <c>go test -json</c> stream said: the tests, and the compiler errors of packages that did not build.</summary>
internal sealed record GoTestReport(IReadOnlyList<TestOutcome> Tests, IReadOnlyList<string> BuildErrors);
