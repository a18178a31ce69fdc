namespace SelfHeal.Llm;

/// <summary>A model to call, as the user names it: <c>openai:gpt-4.1</c>, <c>anthropic:claude-sonnet-4-5</c>.</summary>
/// <param name="Provider"><c>openai</c> (OpenAI and every OpenAI-compatible endpoint) or <c>anthropic</c>.</param>
/// <param name="Model">The provider's model id, passed through as is.</param>
public sealed record ModelSpec(string Provider, string Model)
{
    /// <summary>The providers SelfHeal can reach.</summary>
    public static readonly IReadOnlyList<string> Providers = ["openai", "anthropic"];

    public override string ToString() => $"{Provider}:{Model}";

    /// <summary>Parses <c>provider:model</c>; on failure <paramref name="error"/> says what was wrong and what to write instead.</summary>
    public static bool TryParse(string? text, out ModelSpec? spec, out string? error)
    {
        spec = null;
        error = null;
        var value = text?.Trim() ?? "";
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"'{value}' is not a model. Write provider:model, for example openai:gpt-4.1 or anthropic:claude-sonnet-4-5.";
            return false;
        }
        var provider = value[..colon].ToLowerInvariant();
        if (!Providers.Contains(provider))
        {
            error = $"'{value[..colon]}' is not a provider SelfHeal knows. Use one of: {string.Join(", ", Providers)} (openai also covers Azure OpenAI, Ollama, vLLM, llama.cpp and LM Studio through --base-url).";
            return false;
        }
        var model = value[(colon + 1)..];
        if (model.Any(char.IsWhiteSpace) || model.Any(char.IsControl))
        {
            error = $"The model id '{model}' contains spaces or control characters.";
            return false;
        }
        spec = new ModelSpec(provider, model);
        return true;
    }
}
