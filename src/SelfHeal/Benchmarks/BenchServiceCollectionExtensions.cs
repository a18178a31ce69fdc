using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SelfHeal.Benchmarks;

public static class BenchServiceCollectionExtensions
{
    /// <summary>The benchmark runner (<c>selfheal bench</c>); needs the healing workflow and test runners registered.</summary>
    public static IServiceCollection AddBenchmarks(this IServiceCollection services)
    {
        services.TryAddSingleton<BenchWorkspace>();
        services.TryAddSingleton<BenchRunner>();
        return services;
    }
}
