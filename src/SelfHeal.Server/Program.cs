using SelfHeal.Server;

await ServerApplication.Build(args).RunAsync();

/// <summary>The entry point; public so integration tests can host the server.</summary>
public partial class Program;
