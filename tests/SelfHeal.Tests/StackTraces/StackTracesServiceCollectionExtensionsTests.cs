using Microsoft.Extensions.DependencyInjection;
using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class StackTracesServiceCollectionExtensionsTests
{
    [Fact]
    public void AddStackTraces_CalledTwice_RegistersEachParserOnceAndAReaderOverThem()
    {
        using var provider = new ServiceCollection().AddStackTraces().AddStackTraces().BuildServiceProvider();

        var parsers = provider.GetServices<IStackTraceParser>().ToList();
        var reader = provider.GetRequiredService<StackTraceReader>();

        Assert.Equal(["dotnet", "python", "java", "node", "go"], parsers.Select(p => p.Language));
        Assert.Same(parsers[0], provider.GetServices<IStackTraceParser>().First());
        Assert.Same(reader, provider.GetRequiredService<StackTraceReader>());
        Assert.Equal("java", Assert.Single(reader.Read(TraceFiles.Read("java/npe.txt"))).Language);
    }
}
