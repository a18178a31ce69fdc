using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SelfHeal.StackTraces;

public static class StackTracesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in parsers as <see cref="IStackTraceParser"/> singletons (.NET, Python, Java, Node.js, Go)
    /// and <see cref="StackTraceReader"/> over every registered parser. <see cref="FrameMapper"/> is built per
    /// repository (<see cref="FrameMapper.CreateAsync"/>) and is not registered.
    /// </summary>
    public static IServiceCollection AddStackTraces(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStackTraceParser, DotnetStackTraceParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStackTraceParser, PythonStackTraceParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStackTraceParser, JavaStackTraceParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStackTraceParser, NodeStackTraceParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStackTraceParser, GoStackTraceParser>());
        services.TryAddSingleton<StackTraceReader>();
        return services;
    }
}
