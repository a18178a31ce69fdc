using SelfHeal.Server.Api;
using SelfHeal.Server.Auth;
using SelfHeal.Server.Channels;
using SelfHeal.Server.Health;
using SelfHeal.Server.Http;
using SelfHeal.Server.Jobs;

namespace SelfHeal.Server;

/// <summary>Composes the SelfHeal server: the same wiring for <c>Program</c>, <c>selfheal serve</c> and tests.</summary>
public static class ServerApplication
{
    /// <summary>
    /// Builds the server from <paramref name="args"/> and configuration (environment variables such as
    /// <c>Channels__GitHub__Secret</c>); <paramref name="configure"/> runs before the services are added.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        builder.AddServerCore();
        builder.Services.AddApiKeyAuth();
        builder.Services.AddChannels(builder.Configuration);
        builder.Services.AddBugsApi();
        builder.Services.AddServerHealth();
        builder.Services.AddHealJobs(builder.Configuration);

        var app = builder.Build();
        app.UseServerCore();
        app.MapHealthApi();
        app.MapChannelsApi();
        app.MapBugsApi();
        app.MapRunsApi();
        return app;
    }
}
