using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Llm;
using SelfHeal.Llm.Agent;
using SelfHeal.Repair.CSharp;
using SelfHeal.Repair.Tokens;

namespace SelfHeal.Cli.Commands;

/// <summary>The model options of <c>selfheal fix</c>: which engines, which models, where, and how much they may cost.</summary>
internal sealed class LlmCliOptions
{
    public Option<string?> Engine { get; } = new("--engine")
    {
        Description = "Repair engines: offline (templates, no model), llm (models only, agentless), agent (models only, an agent running shell commands in the sandbox) or all (templates first, then agentless). Default: all with --model, else offline.",
    };

    public Option<string[]> Models { get; } = new("--model")
    {
        Description = "A model as provider:model (openai:gpt-4.1, anthropic:claude-sonnet-4-5). Repeat for an ensemble. Keys come from OPENAI_API_KEY and ANTHROPIC_API_KEY.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "An OpenAI-compatible endpoint (Azure OpenAI, Ollama, vLLM, llama.cpp, LM Studio) or an Anthropic proxy to call instead of the provider's." };

    public Option<string?> MaxCost { get; } = new("--max-cost") { Description = "Most a run may spend on models, in US dollars (0.50). Default: no limit." };

    public Option<int> Attempts { get; } = new("--attempts") { Description = "Repair rounds: failures of one round are shown to the model in the next.", DefaultValueFactory = _ => 3 };

    public Option<int> Samples { get; } = new("--samples") { Description = "Candidates sampled from each model per round.", DefaultValueFactory = _ => 2 };

    public Option<int> MaxSteps { get; } = new("--max-steps") { Description = "With --engine agent: most commands the agent may run per model before it stops.", DefaultValueFactory = _ => 30 };

    public Option<string?> PriceTable { get; } = new("--price-table") { Description = "A JSON price table overriding the built-in one: { \"openai:my-model\": { \"input\": 0.5, \"output\": 1.5 } } (US dollars per million tokens)." };

    public void AddTo(Command command)
    {
        Engine.AcceptOnlyFromAmong("offline", "llm", "agent", "all");
        foreach (var option in new Option[] { Engine, Models, BaseUrl, MaxCost, Attempts, Samples, MaxSteps, PriceTable })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads and checks the options; <paramref name="error"/> says what was wrong and what to do.</summary>
    public bool TryRead(ParseResult parse, out Action<IServiceCollection>? engines, out string? error)
    {
        engines = null;
        var models = new List<ModelSpec>();
        foreach (var text in parse.GetValue(Models) ?? [])
        {
            if (!ModelSpec.TryParse(text, out var spec, out error))
            {
                return false;
            }
            models.Add(spec!);
        }
        var engine = parse.GetValue(Engine) ?? (models.Count > 0 ? "all" : "offline");
        error = engine != "offline" && models.Count == 0 ? $"--engine {engine} needs a model: add --model provider:model (openai:gpt-4.1, anthropic:claude-sonnet-4-5)."
            : engine == "offline" && models.Count > 0 ? "--engine offline uses no model; drop --model or use --engine llm, agent or all."
            : parse.GetValue(Attempts) is < 1 or > 10 ? "--attempts must be between 1 and 10."
            : parse.GetValue(Samples) is < 1 or > 20 ? "--samples must be between 1 and 20."
            : parse.GetValue(MaxSteps) is < 1 or > 500 ? "--max-steps must be between 1 and 500."
            : engine != "agent" && parse.GetResult(MaxSteps) is { Implicit: false } ? "--max-steps applies to the agent only; add --engine agent or drop it."
            : null;
        Uri? baseUrl = null;
        if (error is null && parse.GetValue(BaseUrl) is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            error = $"--base-url '{url}' is not an http(s) URL. Example: http://localhost:11434/v1";
        }
        decimal? maxCost = null;
        if (error is null && parse.GetValue(MaxCost) is { } cost)
        {
            if (!decimal.TryParse(cost.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                error = $"--max-cost '{cost}' is not an amount of US dollars. Example: --max-cost 0.50";
            }
            maxCost = value;
        }
        var settings = new LlmOptions
        {
            BaseUrl = baseUrl,
            MaxCostPerRun = maxCost,
            Attempts = parse.GetValue(Attempts),
            Samples = parse.GetValue(Samples),
            PriceTablePath = parse.GetValue(PriceTable) is { } path ? Path.GetFullPath(path) : null,
        };
        if (error is null && settings.PriceTablePath is not null)
        {
            try
            {
                LlmServiceCollectionExtensions.LoadPrices(settings);
            }
            catch (FormatException ex)
            {
                error = $"--price-table: {ex.Message}";
            }
        }
        if (error is null)
        {
            using var clients = new Llm.Providers.ModelClients(Microsoft.Extensions.Options.Options.Create(settings), TimeProvider.System);
            error = models.Select(clients.Problem).FirstOrDefault(p => p is not null);
        }
        if (error is not null)
        {
            return false;
        }
        var maxSteps = parse.GetValue(MaxSteps);
        engines = services =>
        {
            if (engine is "offline" or "all")
            {
                services.AddCSharpRepair();
                services.AddTokenRepair();
            }
            void Configure(LlmOptions o)
            {
                foreach (var model in models)
                {
                    o.Models.Add(model.ToString());
                }
                o.BaseUrl = settings.BaseUrl;
                o.MaxCostPerRun = settings.MaxCostPerRun;
                o.Attempts = settings.Attempts;
                o.Samples = settings.Samples;
                o.PriceTablePath = settings.PriceTablePath;
            }
            if (engine is "llm" or "all")
            {
                services.AddLlmRepair(Configure);
            }
            else if (engine == "agent")
            {
                services.AddAgentRepair(Configure, o => o.MaxSteps = maxSteps);
            }
        };
        return true;
    }
}
