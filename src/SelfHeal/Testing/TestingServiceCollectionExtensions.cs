using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Sandboxing;
using SelfHeal.Testing.Ant;
using SelfHeal.Testing.Dotnet;
using SelfHeal.Testing.Generic;
using SelfHeal.Testing.Go;
using SelfHeal.Testing.Java;
using SelfHeal.Testing.Maven;
using SelfHeal.Testing.Node;
using SelfHeal.Testing.Pytest;
using SelfHeal.Testing.Restore;

namespace SelfHeal.Testing;

public static class TestingServiceCollectionExtensions
{
    /// <summary>
    /// Registers every <see cref="ITestRunner"/> as a singleton and the <see cref="ITestRunnerResolver"/> that picks among
    /// them. Runners run their commands in the sandbox (<see cref="SandboxingServiceCollectionExtensions.AddSandboxing"/>).
    /// </summary>
    public static IServiceCollection AddTesting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSandboxing();
        services.AddSingleton<ITestRunner, DotnetTestRunner>();
        services.AddSingleton<ITestRunner, MavenTestRunner>();
        services.AddSingleton<ITestRunner, AntTestRunner>();
        services.AddSingleton<ITestRunner, GoTestRunner>();
        services.AddSingleton<ITestRunner, NodeTestRunner>();
        services.AddSingleton<ITestRunner, PytestRunner>();
        services.AddSingleton<ITestRunner, GenericTestRunner>();
        services.TryAddSingleton<ITestRunnerResolver, TestRunnerResolver>();
        services.TryAddSingleton<PackageRestore>();
        services.TryAddSingleton<JavaCoverageAgent>();
        return services;
    }
}
