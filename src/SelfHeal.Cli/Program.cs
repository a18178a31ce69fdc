using SelfHeal.Cli;

return await CliApplication.RunAsync(args);
